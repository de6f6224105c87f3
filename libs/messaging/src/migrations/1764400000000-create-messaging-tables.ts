import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * The outbox (events written in the same transaction as the change that caused them) and the
 * inbox (ids of events already applied, per consumer). Part of `messagingMigrations`.
 */
export class CreateMessagingTables1764400000000 implements MigrationInterface {
  name = 'CreateMessagingTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.outbox (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        subject      text NOT NULL,
        envelope     jsonb NOT NULL,
        headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (seq) WHERE published_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.inbox (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        subject      text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.inbox`);
    await queryRunner.query(`DROP TABLE ${s}.outbox`);
  }
}
