import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';

/**
 * A complaint's keywords come from its case (`petition.case.registered`) instead of a segmenter
 * here, and the two events arrive in either order: `complaint_doc.keywords` NULL = not analysed
 * yet (`&&` and `= ANY` never match it), and keywords that arrive before their complaint wait in
 * `complaint_keywords` until it does.
 */
export class TakeComplaintKeywordsFromCases1765400000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`ALTER TABLE ${s}.complaint_doc ALTER COLUMN keywords DROP NOT NULL`);
    // registered_at is the case's, not now(): a rebuild must produce the same rows.
    await queryRunner.query(`
      CREATE TABLE ${s}.complaint_keywords (
        complaint_id uuid PRIMARY KEY,
        keywords text[] NOT NULL,
        weights double precision[] NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`DROP TABLE ${s}.complaint_keywords`);
    // The old code segmented each complaint on arrival; one not analysed yet keeps no keywords.
    await queryRunner.query(`UPDATE ${s}.complaint_doc SET keywords = '{}' WHERE keywords IS NULL`);
    await queryRunner.query(`ALTER TABLE ${s}.complaint_doc ALTER COLUMN keywords SET NOT NULL`);
  }
}
