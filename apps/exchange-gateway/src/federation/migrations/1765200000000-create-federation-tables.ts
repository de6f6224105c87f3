import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * The cross-tier exchange: outgoing envelopes (outbox, per neighbour), the inbox of applied
 * envelope ids, per-case order (sequence at the origin, cursor at each receiver, envelopes held
 * for a missing predecessor), dead letters and refusals, and what the exchange itself keeps:
 * complaints forwarded and their status, complaints received, review requests, supervision
 * orders and case counts.
 */
export class CreateFederationTables1765200000000 implements MigrationInterface {
  name = 'CreateFederationTables1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    const q = (sql: string) => queryRunner.query(sql);
    await q(`CREATE TABLE ${s}.federation_outbox (
      seq          bigserial PRIMARY KEY,
      envelope_id  uuid NOT NULL,
      neighbour    char(6) NOT NULL,
      envelope     jsonb NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      UNIQUE (envelope_id, neighbour))`);
    await q(
      `CREATE INDEX federation_outbox_unpublished_idx ON ${s}.federation_outbox (seq) WHERE published_at IS NULL`,
    );
    await q(`CREATE TABLE ${s}.federation_case_sequence (
      case_key text PRIMARY KEY,
      last_seq integer NOT NULL)`);
    await q(`CREATE TABLE ${s}.federation_inbox (
      envelope_id uuid PRIMARY KEY,
      type        text NOT NULL,
      origin      char(6) NOT NULL,
      sender      char(6) NOT NULL,
      case_key    text NOT NULL,
      case_seq    integer NOT NULL,
      outcome     text NOT NULL CHECK (outcome IN ('applied', 'forwarded')),
      applied_at  timestamptz NOT NULL DEFAULT now())`);
    await q(`CREATE TABLE ${s}.federation_case_cursor (
      origin   char(6) NOT NULL,
      case_key text NOT NULL,
      last_seq integer NOT NULL,
      PRIMARY KEY (origin, case_key))`);
    await q(`CREATE TABLE ${s}.federation_held (
      envelope_id uuid PRIMARY KEY,
      origin      char(6) NOT NULL,
      case_key    text NOT NULL,
      case_seq    integer NOT NULL,
      envelope    jsonb NOT NULL,
      held_at     timestamptz NOT NULL DEFAULT now())`);
    await q(
      `CREATE INDEX federation_held_case_idx ON ${s}.federation_held (origin, case_key, case_seq)`,
    );
    await q(`CREATE TABLE ${s}.federation_dead_letter (
      id                  uuid PRIMARY KEY,
      envelope_id         uuid,
      type                text,
      origin              char(6),
      case_key            text,
      raw                 text NOT NULL,
      reason              text NOT NULL,
      attempts            integer NOT NULL DEFAULT 1,
      dead_lettered_at    timestamptz NOT NULL DEFAULT now(),
      replay_requested_at timestamptz,
      replayed_at         timestamptz)`);
    await q(
      `CREATE UNIQUE INDEX federation_dead_letter_open_idx ON ${s}.federation_dead_letter (envelope_id) WHERE replayed_at IS NULL`,
    );
    await q(`CREATE TABLE ${s}.federation_refusal (
      seq         bigserial PRIMARY KEY,
      envelope_id text,
      sender      text,
      code        text NOT NULL,
      reason      text NOT NULL,
      refused_at  timestamptz NOT NULL DEFAULT now())`);
    await q(`CREATE TABLE ${s}.federation_forwarded_case (
      tracking_code      text PRIMARY KEY,
      recipient          char(6) NOT NULL,
      envelope_id        uuid NOT NULL,
      forwarded_at       timestamptz NOT NULL,
      handling_division  char(6),
      petition_number    text,
      status             text NOT NULL DEFAULT 'forwarded',
      status_at          timestamptz)`);
    await q(`CREATE TABLE ${s}.federation_case_status (
      envelope_id   uuid PRIMARY KEY,
      tracking_code text NOT NULL REFERENCES ${s}.federation_forwarded_case (tracking_code),
      status        text NOT NULL,
      event         text NOT NULL,
      at            timestamptz NOT NULL,
      summary       text)`);
    await q(
      `CREATE INDEX federation_case_status_code_idx ON ${s}.federation_case_status (tracking_code, at)`,
    );
    await q(`CREATE TABLE ${s}.federation_received_complaint (
      origin        char(6) NOT NULL,
      tracking_code text NOT NULL,
      envelope_id   uuid NOT NULL,
      complaint_id  uuid UNIQUE,
      received_at   timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (origin, tracking_code))`);
    await q(
      `CREATE INDEX federation_received_unmatched_idx ON ${s}.federation_received_complaint (received_at) WHERE complaint_id IS NULL`,
    );
    await q(`CREATE TABLE ${s}.federation_review_request (
      review_request_id uuid PRIMARY KEY,
      from_division     char(6) NOT NULL,
      tracking_code     text NOT NULL,
      petition_number   text,
      division_code     char(6) NOT NULL,
      reason            text NOT NULL,
      requested_at      timestamptz NOT NULL,
      received_at       timestamptz NOT NULL DEFAULT now())`);
    await q(`CREATE TABLE ${s}.federation_supervision_order (
      order_id      uuid PRIMARY KEY,
      from_division char(6) NOT NULL,
      tracking_code text NOT NULL,
      text          text NOT NULL,
      reply_by      timestamptz NOT NULL,
      issued_at     timestamptz NOT NULL,
      received_at   timestamptz NOT NULL DEFAULT now())`);
    await q(`CREATE TABLE ${s}.federation_case_count (
      division_code char(6) PRIMARY KEY,
      registered    integer NOT NULL DEFAULT 0,
      concluded     integer NOT NULL DEFAULT 0)`);
    await q(`CREATE TABLE ${s}.federation_reported_count (
      division_code char(6) PRIMARY KEY,
      reported_by   char(6) NOT NULL,
      registered    integer NOT NULL,
      concluded     integer NOT NULL,
      as_of         timestamptz NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    for (const table of [
      'federation_reported_count',
      'federation_case_count',
      'federation_supervision_order',
      'federation_review_request',
      'federation_received_complaint',
      'federation_case_status',
      'federation_forwarded_case',
      'federation_refusal',
      'federation_dead_letter',
      'federation_held',
      'federation_case_cursor',
      'federation_inbox',
      'federation_case_sequence',
      'federation_outbox',
    ]) {
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
    }
  }
}
