import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** 督办: supervision orders, interviews and circulars, and leaders' instructions as tasks. */
export class CreateSupervision1764410400000 implements MigrationInterface {
  name = 'CreateSupervision1764410400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.supervision_order (
        id                  uuid PRIMARY KEY,
        order_number        text NOT NULL UNIQUE,
        case_id             uuid NOT NULL REFERENCES ${s}.petition_case (id),
        division_code       char(6) NOT NULL,
        organ_id            text NOT NULL,
        content             text NOT NULL,
        issued_by           text NOT NULL,
        issued_at           timestamptz NOT NULL,
        reply_due_at        timestamptz NOT NULL,
        escalated_at        timestamptz,
        escalated_by        text,
        escalation_reason   text,
        reply               text,
        replied_at          timestamptz,
        replied_by          text,
        overdue_notified_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX supervision_order_case_idx ON ${s}.supervision_order (case_id, issued_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX supervision_order_organ_idx ON ${s}.supervision_order (organ_id, issued_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX supervision_order_division_idx ON ${s}.supervision_order (division_code, issued_at DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX supervision_order_due_idx ON ${s}.supervision_order (reply_due_at)
        WHERE replied_at IS NULL AND overdue_notified_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.supervision_record (
        id            uuid PRIMARY KEY,
        case_id       uuid NOT NULL REFERENCES ${s}.petition_case (id),
        division_code char(6) NOT NULL,
        kind          text NOT NULL CHECK (kind IN ('interview', 'circular')),
        organ_id      text NOT NULL,
        interviewee   text,
        content       text NOT NULL,
        held_at       timestamptz,
        recorded_by   text NOT NULL,
        recorded_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX supervision_record_case_idx ON ${s}.supervision_record (case_id, recorded_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.leader_instruction (
        id                  uuid PRIMARY KEY,
        case_id             uuid NOT NULL REFERENCES ${s}.petition_case (id),
        division_code       char(6) NOT NULL,
        text                text NOT NULL,
        assignee_organ_id   text NOT NULL,
        issued_by           text NOT NULL,
        issued_at           timestamptz NOT NULL,
        due_at              timestamptz NOT NULL,
        result              text,
        completed_at        timestamptz,
        completed_by        text,
        overdue_notified_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX leader_instruction_case_idx ON ${s}.leader_instruction (case_id, issued_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX leader_instruction_due_idx ON ${s}.leader_instruction (due_at)
        WHERE completed_at IS NULL AND overdue_notified_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.leader_instruction`);
    await queryRunner.query(`DROP TABLE ${s}.supervision_record`);
    await queryRunner.query(`DROP TABLE ${s}.supervision_order`);
  }
}
