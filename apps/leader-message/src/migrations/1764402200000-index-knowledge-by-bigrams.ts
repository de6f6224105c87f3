import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrationSchema } from '@minsheng/persistence';
import { bigramSearchWords, searchWords } from '@minsheng/text-analysis';

/** What each knowledge table is searched by besides title and body (as `KnowledgeKind.extraText`). */
const TABLES = [
  { table: 'reply_template', extra: `coalesce(domain, ''), coalesce(type, '')` },
  { table: 'policy_article', extra: `issuer, coalesce(document_number, '')` },
];

/**
 * Re-indexes the reply templates and policies by the two-character pieces of their text instead
 * of jieba's words, so the service no longer loads jieba's dictionary (≈ 41 MiB) to search them.
 * Down indexes them by jieba's words again.
 */
export class IndexKnowledgeByBigrams1764402200000 implements MigrationInterface {
  name = 'IndexKnowledgeByBigrams1764402200000';

  up(queryRunner: QueryRunner): Promise<void> {
    return reindex(queryRunner, bigramSearchWords);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return reindex(queryRunner, searchWords);
  }
}

async function reindex(
  queryRunner: QueryRunner,
  words: (...texts: string[]) => string,
): Promise<void> {
  const s = migrationSchema(queryRunner);
  for (const { table, extra } of TABLES) {
    const rows: Array<{ id: string; texts: string[] }> = await queryRunner.query(
      `SELECT id, ARRAY[title, body, ${extra}] AS texts FROM ${s}.${table}`,
    );
    for (const row of rows) {
      await queryRunner.query(
        `UPDATE ${s}.${table} SET search_vector = to_tsvector('simple', $2) WHERE id = $1`,
        [row.id, words(...row.texts)],
      );
    }
  }
}
