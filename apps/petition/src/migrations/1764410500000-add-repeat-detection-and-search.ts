import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';
import { fingerprint as fingerprintOf, matterText, searchWords } from '@minsheng/text-analysis';

/**
 * 重复信访 and 集体访: each case's text fingerprint (MinHash LSH keys, indexed, to find candidates;
 * weighted terms to confirm them), the link to the earlier case and the collective group. And
 * full-text search over jieba-segmented words, which Postgres cannot segment itself.
 */
export class AddRepeatDetectionAndSearch1764410500000 implements MigrationInterface {
  name = 'AddRepeatDetectionAndSearch1764410500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        ADD COLUMN repeat_of_case_id   uuid REFERENCES ${s}.petition_case (id),
        ADD COLUMN repeat_status       text CHECK (repeat_status IN ('suspected', 'confirmed', 'unlinked')),
        ADD COLUMN repeat_similarity   real,
        ADD COLUMN collective_group_id uuid,
        ADD COLUMN text_fingerprint    jsonb,
        ADD COLUMN lsh_keys            text[] NOT NULL DEFAULT '{}',
        ADD COLUMN search_vector       tsvector`);
    const rows: Array<{ id: string; title: string; content: string }> = await queryRunner.query(
      `SELECT id, title, content FROM ${s}.petition_case`,
    );
    for (const row of rows) {
      // Run by the migration job, in its own process: the dictionary loads only if rows exist.
      const text = matterText(row.title, row.content);
      const fingerprint = fingerprintOf(text);
      await queryRunner.query(
        `UPDATE ${s}.petition_case
            SET text_fingerprint = $2, lsh_keys = $3, search_vector = to_tsvector('simple', $4)
          WHERE id = $1`,
        [row.id, JSON.stringify(fingerprint), fingerprint.lsh, searchWords(text)],
      );
    }
    await queryRunner.query(
      `CREATE INDEX petition_case_lsh_idx ON ${s}.petition_case USING gin (lsh_keys)`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_search_idx ON ${s}.petition_case USING gin (search_vector)`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_repeat_idx ON ${s}.petition_case (repeat_of_case_id) WHERE repeat_of_case_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX petition_case_collective_idx ON ${s}.petition_case (collective_group_id) WHERE collective_group_id IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = migrationSchema(queryRunner);
    await queryRunner.query(`
      ALTER TABLE ${s}.petition_case
        DROP COLUMN repeat_of_case_id, DROP COLUMN repeat_status, DROP COLUMN repeat_similarity,
        DROP COLUMN collective_group_id, DROP COLUMN text_fingerprint, DROP COLUMN lsh_keys,
        DROP COLUMN search_vector`);
  }
}
