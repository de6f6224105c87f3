import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** Files a petitioner attached; the content lives in the attachment store under `storage_key`. */
export class CreateComplaintAttachments1764400800000 implements MigrationInterface {
  name = 'CreateComplaintAttachments1764400800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_attachment (
        id           uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES ${s}.complaint (id) ON DELETE CASCADE,
        position     integer NOT NULL,
        file_name    text NOT NULL,
        content_type text NOT NULL,
        size_bytes   bigint NOT NULL CHECK (size_bytes > 0),
        sha256       char(64) NOT NULL,
        storage_key  text NOT NULL UNIQUE,
        created_at   timestamptz NOT NULL,
        UNIQUE (complaint_id, position)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.complaint_attachment`);
  }
}
