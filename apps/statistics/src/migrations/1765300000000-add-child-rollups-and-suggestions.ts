import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * Cross-tier roll-ups (child instances' reports, and the days waiting to be reported up),
 * suggestions tracked to adoption, and the leader-mailbox fields of a case.
 */
export class AddChildRollupsAndSuggestions1765300000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.case_fact
        ADD COLUMN addressee_mailbox_id text,
        ADD COLUMN replied_at timestamptz`);
    await queryRunner.query(
      `CREATE INDEX case_fact_mailbox ON ${s}.case_fact (addressee_mailbox_id, registered_at)
        WHERE addressee_mailbox_id IS NOT NULL`,
    );
    // A child's report of one division and day, and its rows (the same shape as our own).
    await queryRunner.query(`
      CREATE TABLE ${s}.child_rollup_day (
        division_code char(6) NOT NULL,
        day date NOT NULL,
        reported_by char(6) NOT NULL,
        revision bigint NOT NULL,
        PRIMARY KEY (division_code, day)
      )`);
    await queryRunner.query(
      `CREATE TABLE ${s}.child_rollup_daily (LIKE ${s}.case_rollup_daily INCLUDING ALL)`,
    );
    // Days whose rows changed since they were last published; revisions order the reports.
    await queryRunner.query(`
      CREATE TABLE ${s}.rollup_report_pending (
        division_code char(6) NOT NULL,
        day date NOT NULL,
        changes int NOT NULL DEFAULT 1,
        PRIMARY KEY (division_code, day)
      )`);
    await queryRunner.query(`CREATE SEQUENCE ${s}.rollup_report_revision`);
    await queryRunner.query(`
      CREATE TABLE ${s}.suggestion_fact (
        case_id uuid PRIMARY KEY,
        petition_number text,
        source_complaint_id uuid,
        division_code char(6),
        province_code char(6),
        city_code char(6),
        county_code char(6),
        category_code text,
        title text,
        body text,
        registered_at timestamptz,
        organ_id text,
        organ_name text,
        organ_at timestamptz,
        studied_at timestamptz,
        decided_at timestamptz,
        outcome text,
        theme_codes text[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(
      `CREATE INDEX suggestion_fact_source ON ${s}.suggestion_fact (source_complaint_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.suggestion_fact`);
    await queryRunner.query(`DROP SEQUENCE ${s}.rollup_report_revision`);
    await queryRunner.query(`DROP TABLE ${s}.rollup_report_pending`);
    await queryRunner.query(`DROP TABLE ${s}.child_rollup_daily`);
    await queryRunner.query(`DROP TABLE ${s}.child_rollup_day`);
    await queryRunner.query(`DROP INDEX ${s}.case_fact_mailbox`);
    await queryRunner.query(
      `ALTER TABLE ${s}.case_fact DROP COLUMN replied_at, DROP COLUMN addressee_mailbox_id`,
    );
  }
}
