import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

const LEVELS = `('satisfied', 'basically-satisfied', 'dissatisfied')`;

/** 满意度评价 and 复查申请: at most one of each per complaint, which the primary keys enforce. */
export class CreateRatingsAndReviewRequests1764400900000 implements MigrationInterface {
  name = 'CreateRatingsAndReviewRequests1764400900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_rating (
        complaint_id uuid PRIMARY KEY REFERENCES ${s}.complaint (id) ON DELETE CASCADE,
        office       text NOT NULL CHECK (office IN ${LEVELS}),
        organ        text NOT NULL CHECK (organ IN ${LEVELS}),
        comment      text,
        rated_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_review_request (
        id           uuid PRIMARY KEY,
        complaint_id uuid NOT NULL UNIQUE REFERENCES ${s}.complaint (id) ON DELETE CASCADE,
        reason       text NOT NULL,
        requested_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.complaint_review_request`);
    await queryRunner.query(`DROP TABLE ${s}.complaint_rating`);
  }
}
