import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * The audit trail: append-only (a trigger refuses every UPDATE and DELETE except the sealer
 * filling in the chain, and retention purging records past the legal minimum of 180 days) and
 * hash-chained with SM3 by AuditSealer.
 */
export class CreateAuditRecords1764400050000 implements MigrationInterface {
  name = 'CreateAuditRecords1764400050000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.audit_record (
        seq            bigserial PRIMARY KEY,
        id             uuid NOT NULL UNIQUE,
        at             timestamptz NOT NULL,
        actor_id       text NOT NULL,
        actor_roles    text[] NOT NULL DEFAULT '{}',
        actor_division char(6),
        action         text NOT NULL,
        outcome        text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
        target_type    text,
        target_id      text,
        division_code  char(6),
        request_id     text,
        ip             text,
        details        jsonb NOT NULL DEFAULT '{}'::jsonb,
        chain_index    bigint UNIQUE,
        prev_hash      char(64),
        hash           char(64)
      )`);
    await queryRunner.query(
      `CREATE INDEX audit_record_unsealed_idx ON ${s}.audit_record (seq) WHERE hash IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX audit_record_at_idx ON ${s}.audit_record (at DESC)`);
    await queryRunner.query(`
      CREATE FUNCTION ${s}.audit_record_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.chain_index IS NULL
           AND NEW.hash IS NOT NULL AND NEW.chain_index IS NOT NULL
           AND (NEW.seq, NEW.id, NEW.at, NEW.actor_id, NEW.actor_roles, NEW.actor_division, NEW.action,
                NEW.outcome, NEW.target_type, NEW.target_id, NEW.division_code, NEW.request_id, NEW.ip, NEW.details)
               IS NOT DISTINCT FROM
               (OLD.seq, OLD.id, OLD.at, OLD.actor_id, OLD.actor_roles, OLD.actor_division, OLD.action,
                OLD.outcome, OLD.target_type, OLD.target_id, OLD.division_code, OLD.request_id, OLD.ip, OLD.details)
        THEN
          RETURN NEW;
        END IF;
        IF TG_OP = 'DELETE' AND current_setting('minsheng.audit_purge', true) = 'on'
           AND OLD.at < now() - interval '180 days' AND OLD.hash IS NOT NULL
        THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit records are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON ${s}.audit_record
      FOR EACH ROW EXECUTE FUNCTION ${s}.audit_record_guard()`);
    await queryRunner.query(`
      CREATE FUNCTION ${s}.audit_record_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit records are append-only (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON ${s}.audit_record
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.audit_record_no_truncate()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.audit_record`);
    await queryRunner.query(`DROP FUNCTION ${s}.audit_record_guard()`);
    await queryRunner.query(`DROP FUNCTION ${s}.audit_record_no_truncate()`);
  }
}
