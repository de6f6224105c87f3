import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

const STATUSES = [
  'submitted',
  'awaiting-exchange',
  'registered',
  'accepted',
  'declined',
  'replied',
  'concluded',
];

/**
 * What issue 5 adds to a complaint: its category, address and coordinates, consent to a public
 * reply, where it was routed, the idempotency key it came with, and when it was replied to and
 * concluded; timeline entries get the step they record and whether the petitioner was notified.
 */
export class AddComplaintDetails1764400700000 implements MigrationInterface {
  name = 'AddComplaintDetails1764400700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    // Complaints from before categories existed keep a NULL category; new ones always have one.
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint
        ADD COLUMN category_code text REFERENCES ${s}.complaint_category (code),
        ADD COLUMN address text,
        ADD COLUMN location_lat double precision,
        ADD COLUMN location_lng double precision,
        ADD COLUMN reply_public_consent boolean NOT NULL DEFAULT false,
        ADD COLUMN routed_to_division char(6),
        ADD COLUMN routing_reason text CHECK (routing_reason IN ('child-instance', 'outside-jurisdiction')),
        ADD COLUMN idempotency_key_hash text UNIQUE,
        ADD COLUMN replied_at timestamptz,
        ADD COLUMN concluded_at timestamptz,
        ADD CONSTRAINT complaint_location_pair CHECK ((location_lat IS NULL) = (location_lng IS NULL)),
        ADD CONSTRAINT complaint_status_known CHECK (status IN (${STATUSES.map((v) => `'${v}'`).join(', ')})),
        ADD CONSTRAINT complaint_routing_pair CHECK ((routed_to_division IS NULL) = (routing_reason IS NULL))`);
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint_timeline_entry
        ADD COLUMN step text,
        ADD COLUMN notified_at timestamptz,
        ADD COLUMN notify_attempts integer NOT NULL DEFAULT 0`);
    // Steps already shown were announced then, if at all: nothing to send for them now.
    await queryRunner.query(
      `UPDATE ${s}.complaint_timeline_entry SET step = status, notified_at = at`,
    );
    await queryRunner.query(
      `ALTER TABLE ${s}.complaint_timeline_entry ALTER COLUMN step SET NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX complaint_timeline_entry_unnotified_idx ON ${s}.complaint_timeline_entry (id)
        WHERE notified_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP INDEX ${s}.complaint_timeline_entry_unnotified_idx`);
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint_timeline_entry
        DROP COLUMN step, DROP COLUMN notified_at, DROP COLUMN notify_attempts`);
    await queryRunner.query(`
      ALTER TABLE ${s}.complaint
        DROP CONSTRAINT complaint_routing_pair,
        DROP CONSTRAINT complaint_status_known,
        DROP CONSTRAINT complaint_location_pair,
        DROP COLUMN concluded_at,
        DROP COLUMN replied_at,
        DROP COLUMN idempotency_key_hash,
        DROP COLUMN routing_reason,
        DROP COLUMN routed_to_division,
        DROP COLUMN reply_public_consent,
        DROP COLUMN location_lng,
        DROP COLUMN location_lat,
        DROP COLUMN address,
        DROP COLUMN category_code`);
  }
}
