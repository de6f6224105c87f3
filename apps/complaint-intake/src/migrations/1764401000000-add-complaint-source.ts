import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * Complaints the exchange hands over (another tier, an integrator, an Open311 client) record who
 * sent them and the sender's reference; the unique triple is what makes a redelivered hand-over
 * land once.
 */
export class AddComplaintSource1764401000000 implements MigrationInterface {
  name = 'AddComplaintSource1764401000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint
        ADD COLUMN source_kind text CHECK (source_kind IN ('exchange', 'integrator', 'open311')),
        ADD COLUMN source_id text,
        ADD COLUMN source_reference text,
        ADD CONSTRAINT complaint_source_complete CHECK (
          (source_kind IS NULL) = (source_id IS NULL) AND (source_id IS NULL) = (source_reference IS NULL)),
        ADD CONSTRAINT complaint_source_unique UNIQUE (source_kind, source_id, source_reference)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint
        DROP CONSTRAINT complaint_source_unique,
        DROP CONSTRAINT complaint_source_complete,
        DROP COLUMN source_reference,
        DROP COLUMN source_id,
        DROP COLUMN source_kind`);
  }
}
