import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

export class CreateComplaints1764400100000 implements MigrationInterface {
  name = 'CreateComplaints1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint (
        id                   uuid PRIMARY KEY,
        tracking_code        text NOT NULL UNIQUE,
        query_code_hash      text NOT NULL,
        kind                 text NOT NULL CHECK (kind IN ('suggestion', 'accusation', 'appeal')),
        title                text NOT NULL,
        content              text NOT NULL,
        division_code        char(6) NOT NULL,
        petitioner_name      text NOT NULL,
        petitioner_id_number text NOT NULL,
        petitioner_phone     text NOT NULL,
        status               text NOT NULL,
        petition_number      text,
        submitted_at         timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX complaint_division_idx ON ${s}.complaint (division_code, submitted_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_timeline_entry (
        id           bigserial PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES ${s}.complaint (id) ON DELETE CASCADE,
        status       text NOT NULL,
        note         text NOT NULL,
        at           timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX complaint_timeline_entry_complaint_idx ON ${s}.complaint_timeline_entry (complaint_id, at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.complaint_timeline_entry`);
    await queryRunner.query(`DROP TABLE ${s}.complaint`);
  }
}
