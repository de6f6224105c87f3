import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * Progress of a handed-over complaint that arrived before the gateway matched the hand-over to
 * intake's complaint id (the two come by different consumers): kept here and sent, in order,
 * the moment the match is made, instead of waiting on consumer retries.
 */
export class CreateFederationPendingReports1765200100000 implements MigrationInterface {
  name = 'CreateFederationPendingReports1765200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`CREATE TABLE ${s}.federation_pending_report (
      seq                 bigserial PRIMARY KEY,
      source_complaint_id uuid NOT NULL,
      event               text NOT NULL,
      change              jsonb NOT NULL,
      created_at          timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(
      `CREATE INDEX federation_pending_report_complaint_idx ON ${s}.federation_pending_report (source_complaint_id, seq)`,
    );
    await queryRunner.query(
      `CREATE INDEX federation_pending_report_created_idx ON ${s}.federation_pending_report (created_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.federation_pending_report`);
  }
}
