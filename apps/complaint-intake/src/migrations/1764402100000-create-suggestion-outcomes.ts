import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** How a citizen's suggestion ended (采纳 …), as petition announced it, for the status page. */
export class CreateSuggestionOutcomes1764402100000 implements MigrationInterface {
  name = 'CreateSuggestionOutcomes1764402100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_suggestion_outcome (
        complaint_id  uuid PRIMARY KEY REFERENCES ${s}.complaint (id) ON DELETE CASCADE,
        outcome       text NOT NULL CHECK (outcome IN ('adopted', 'partly-adopted', 'not-adopted')),
        organ_name    text,
        adoption      jsonb,
        summary       text,
        reason        text,
        decided_at    timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.complaint_suggestion_outcome`);
  }
}
