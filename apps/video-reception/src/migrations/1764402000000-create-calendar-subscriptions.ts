import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * Calendar clients cannot send a bearer token: a subscription is a secret URL standing for one
 * staff member's view of one feed. Only the token's keyed hash is stored; it expires and can be
 * revoked.
 */
export class CreateCalendarSubscriptions1764402000000 implements MigrationInterface {
  name = 'CreateCalendarSubscriptions1764402000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.calendar_subscription (
        id               uuid PRIMARY KEY,
        token_hash       text NOT NULL UNIQUE,
        feed             text NOT NULL CHECK (feed IN ('leader', 'hall')),
        target_id        text NOT NULL,
        user_id          text NOT NULL,
        roles            text[] NOT NULL,
        division_code    char(6) NOT NULL,
        organ_id         text,
        created_at       timestamptz NOT NULL,
        expires_at       timestamptz NOT NULL,
        revoked_at       timestamptz,
        last_read_at     timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX calendar_subscription_user_idx ON ${s}.calendar_subscription (user_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.calendar_subscription`);
  }
}
