import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** The gateway's copy of petition's organ directory, fed by petition's organ events. */
export class CreateOrganDirectory1765100100000 implements MigrationInterface {
  name = 'CreateOrganDirectory1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.organ_directory (
        organ_id      text PRIMARY KEY,
        name          text NOT NULL,
        kind          text NOT NULL,
        division_code char(6) NOT NULL,
        parent_id     text,
        active        boolean NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX organ_directory_division_idx ON ${s}.organ_directory (division_code)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.organ_directory`);
  }
}
