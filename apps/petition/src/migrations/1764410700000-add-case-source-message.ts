import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** 留言转办: the leader's message-board post a case came from; one case per message. */
export class AddCaseSourceMessage1764410700000 implements MigrationInterface {
  name = 'AddCaseSourceMessage1764410700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE ${s}.petition_case ADD COLUMN source_message_id uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX petition_case_source_message_idx ON ${s}.petition_case (source_message_id) WHERE source_message_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}.petition_case_source_message_idx`);
    await queryRunner.query(`ALTER TABLE ${s}.petition_case DROP COLUMN source_message_id`);
  }
}
