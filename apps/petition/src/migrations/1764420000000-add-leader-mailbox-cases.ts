import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * 领导信箱: the leader a `leader-mailbox` case is addressed to (a snapshot of intake's mailbox),
 * and the team's browsing records (定期浏览).
 */
export class AddLeaderMailboxCases1764420000000 implements MigrationInterface {
  name = 'AddLeaderMailboxCases1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        ADD COLUMN addressee_mailbox_id text,
        ADD COLUMN addressee jsonb,
        ADD CONSTRAINT petition_case_addressee_pair CHECK ((addressee_mailbox_id IS NULL) = (addressee IS NULL))`);
    await queryRunner.query(
      `CREATE INDEX petition_case_addressee_mailbox_idx ON ${s}.petition_case (addressee_mailbox_id, registered_at) WHERE addressee_mailbox_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.leader_mailbox_browsing (
        id                 uuid PRIMARY KEY,
        mailbox_id         text NOT NULL,
        browsed_at         timestamptz NOT NULL,
        browsed_by         text NOT NULL,
        organ_id           text,
        cases_in_queue     int NOT NULL,
        new_since_last     int NOT NULL,
        note               text
      )`);
    await queryRunner.query(
      `CREATE INDEX leader_mailbox_browsing_mailbox_idx ON ${s}.leader_mailbox_browsing (mailbox_id, browsed_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.leader_mailbox_browsing`);
    await queryRunner.query(`DROP INDEX ${s}.petition_case_addressee_mailbox_idx`);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        DROP CONSTRAINT petition_case_addressee_pair,
        DROP COLUMN addressee,
        DROP COLUMN addressee_mailbox_id`);
  }
}
