import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

export class CreateStaffAccounts1764400300000 implements MigrationInterface {
  name = 'CreateStaffAccounts1764400300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.staff_account (
        id                    uuid PRIMARY KEY,
        username              text NOT NULL UNIQUE CHECK (username = lower(username)),
        display_name          text NOT NULL,
        password_hash         text NOT NULL,
        totp_secret_encrypted text NOT NULL,
        roles                 text[] NOT NULL CHECK (cardinality(roles) >= 1),
        division_code         char(6) NOT NULL,
        organ_id              text,
        status                text NOT NULL CHECK (status IN ('active', 'disabled')),
        password_changed_at   timestamptz NOT NULL,
        created_at            timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX staff_account_division_idx ON ${s}.staff_account (division_code, username)`,
    );
    await queryRunner.query(`
      CREATE TABLE ${s}.staff_session (
        id                  uuid PRIMARY KEY,
        account_id          uuid NOT NULL REFERENCES ${s}.staff_account (id) ON DELETE CASCADE,
        created_at          timestamptz NOT NULL,
        last_activity_at    timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL,
        revoked_at          timestamptz,
        revoked_reason      text,
        refresh_token_hash  char(64) NOT NULL,
        user_agent          text,
        ip                  text
      )`);
    await queryRunner.query(
      `CREATE INDEX staff_session_account_idx ON ${s}.staff_session (account_id) WHERE revoked_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.staff_session`);
    await queryRunner.query(`DROP TABLE ${s}.staff_account`);
  }
}
