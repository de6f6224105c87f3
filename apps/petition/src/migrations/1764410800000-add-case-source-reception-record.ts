import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** 转为信访事项 at a video reception: the record a case came from; one case per record. */
export class AddCaseSourceReceptionRecord1764410800000 implements MigrationInterface {
  name = 'AddCaseSourceReceptionRecord1764410800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(
      `ALTER TABLE ${s}.petition_case ADD COLUMN source_reception_record_id uuid`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX petition_case_source_reception_record_idx ON ${s}.petition_case (source_reception_record_id) WHERE source_reception_record_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}.petition_case_source_reception_record_idx`);
    await queryRunner.query(
      `ALTER TABLE ${s}.petition_case DROP COLUMN source_reception_record_id`,
    );
  }
}
