import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** 包案: the leader who took a case on at a video reception, and the follow-up deadline. */
export class AddCaseOwnership1764410600000 implements MigrationInterface {
  name = 'AddCaseOwnership1764410600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        ADD COLUMN owner_leader_id     text,
        ADD COLUMN owner_leader_name   text,
        ADD COLUMN owner_leader_title  text,
        ADD COLUMN owner_division_code char(6),
        ADD COLUMN owned_since         timestamptz,
        ADD COLUMN follow_up_deadline  timestamptz,
        ADD COLUMN case_ownership_id   uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        DROP COLUMN owner_leader_id, DROP COLUMN owner_leader_name, DROP COLUMN owner_leader_title,
        DROP COLUMN owner_division_code, DROP COLUMN owned_since, DROP COLUMN follow_up_deadline,
        DROP COLUMN case_ownership_id`);
  }
}
