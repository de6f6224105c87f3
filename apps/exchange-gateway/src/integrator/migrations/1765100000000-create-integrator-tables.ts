import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * The integrator API: registered clients, complaints they handed over (keyed by the reference
 * intake's idempotent hand-over uses), Idempotency-Key records, the change feed with the case
 * read model it is built from, and webhook subscriptions with their durable deliveries.
 */
export class CreateIntegratorTables1765100000000 implements MigrationInterface {
  name = 'CreateIntegratorTables1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.integrator_client (
        id                    text PRIMARY KEY,
        name                  text NOT NULL,
        secret_encrypted      text NOT NULL,
        open311_api_key_hash  text UNIQUE,
        scopes                text[] NOT NULL,
        allowed_divisions     text[] NOT NULL,
        rate_limit_per_minute int NOT NULL CHECK (rate_limit_per_minute > 0),
        status                text NOT NULL CHECK (status IN ('active', 'disabled')),
        created_by            text NOT NULL,
        created_at            timestamptz NOT NULL,
        secret_rotated_at     timestamptz NOT NULL,
        disabled_at           timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_submission (
        reference       uuid PRIMARY KEY,
        client_id       text NOT NULL REFERENCES ${s}.integrator_client (id),
        source_kind     text NOT NULL CHECK (source_kind IN ('integrator', 'open311')),
        division_code   char(6) NOT NULL,
        category_code   text NOT NULL,
        kind            text NOT NULL,
        address         text,
        location_lat    double precision,
        location_lng    double precision,
        status          text NOT NULL,
        tracking_code   text,
        complaint_id    uuid UNIQUE,
        case_id         uuid,
        petition_number text,
        received_at     timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX complaint_submission_client_idx ON ${s}.complaint_submission (client_id, received_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.idempotency_record (
        client_id     text NOT NULL,
        key_hash      text NOT NULL,
        request_hash  text NOT NULL,
        status_code   int NOT NULL,
        response      jsonb NOT NULL,
        created_at    timestamptz NOT NULL,
        PRIMARY KEY (client_id, key_hash)
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.exchange_change (
        seq              bigserial PRIMARY KEY,
        event_id         uuid NOT NULL UNIQUE,
        type             text NOT NULL,
        occurred_at      timestamptz NOT NULL,
        division_code    char(6) NOT NULL,
        complaint_id     uuid,
        case_id          uuid,
        tracking_code    text,
        petition_number  text,
        status           text NOT NULL,
        previous_status  text,
        category_code    text,
        lead_organ_id    text,
        current_deadline jsonb,
        client_id        text,
        reference        uuid
      )`);
    await queryRunner.query(
      `CREATE INDEX exchange_change_complaint_idx ON ${s}.exchange_change (complaint_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX exchange_change_case_idx ON ${s}.exchange_change (case_id)`,
    );
    await queryRunner.query(
      `CREATE INDEX exchange_change_client_idx ON ${s}.exchange_change (client_id, seq)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.tracked_case (
        case_id         uuid PRIMARY KEY,
        petition_number text NOT NULL UNIQUE,
        complaint_id    uuid,
        division_code   char(6) NOT NULL,
        status          text NOT NULL,
        lead_organ_id   text,
        registered_at   timestamptz,
        updated_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX tracked_case_complaint_idx ON ${s}.tracked_case (complaint_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.webhook_subscription (
        id          uuid PRIMARY KEY,
        client_id   text NOT NULL REFERENCES ${s}.integrator_client (id),
        url         text NOT NULL,
        event_types text[] NOT NULL,
        active      boolean NOT NULL,
        created_at  timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_subscription_client_idx ON ${s}.webhook_subscription (client_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.webhook_delivery (
        id              uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES ${s}.webhook_subscription (id),
        client_id       text NOT NULL,
        event_id        uuid NOT NULL,
        event_type      text NOT NULL,
        payload         jsonb NOT NULL,
        status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts        int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        delivered_at    timestamptz,
        last_error      text,
        created_at      timestamptz NOT NULL,
        UNIQUE (subscription_id, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_due_idx ON ${s}.webhook_delivery (next_attempt_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_dead_idx ON ${s}.webhook_delivery (created_at) WHERE status = 'dead'`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.webhook_attempt (
        id          bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES ${s}.webhook_delivery (id),
        attempt     int NOT NULL,
        at          timestamptz NOT NULL,
        succeeded   boolean NOT NULL,
        status_code int,
        error       text,
        duration_ms int NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_attempt_delivery_idx ON ${s}.webhook_attempt (delivery_id, attempt)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of [
      'webhook_attempt',
      'webhook_delivery',
      'webhook_subscription',
      'tracked_case',
      'exchange_change',
      'idempotency_record',
      'complaint_submission',
      'integrator_client',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
