import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/** 意见建议 → 采纳: a suggestion's study, from "worth study" to its outcome. One per case. */
export class CreateSuggestionStudies1764420100000 implements MigrationInterface {
  name = 'CreateSuggestionStudies1764420100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      CREATE TABLE ${s}.suggestion_study (
        case_id           uuid PRIMARY KEY REFERENCES ${s}.petition_case (id),
        division_code     char(6) NOT NULL,
        stage             text NOT NULL CHECK (stage IN ('worth-study', 'assigned', 'studied', 'decided')),
        worth_study_note  text NOT NULL,
        marked_by         text NOT NULL,
        marked_at         timestamptz NOT NULL,
        organ_id          text REFERENCES ${s}.organ (id),
        assigned_at       timestamptz,
        findings          text,
        studied_at        timestamptz,
        outcome           text CHECK (outcome IN ('adopted', 'partly-adopted', 'not-adopted')),
        adoption          jsonb,
        summary           text,
        reason            text,
        decided_by        text,
        decided_at        timestamptz,
        CHECK ((stage = 'decided') = (outcome IS NOT NULL)),
        CHECK (outcome IS NULL OR (outcome = 'not-adopted') = (adoption IS NULL)),
        CHECK (stage = 'worth-study' OR organ_id IS NOT NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX suggestion_study_organ_idx ON ${s}.suggestion_study (organ_id, stage)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.suggestion_study`);
  }
}
