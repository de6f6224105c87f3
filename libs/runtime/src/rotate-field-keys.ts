import type { DataSource } from 'typeorm';
import type { FieldCipher } from '@minsheng/crypto';

export interface EncryptedColumns {
  table: string;
  columns: string[];
}

/**
 * Re-encrypts every value not yet under the active field key, a batch at a time, so keys can be
 * rotated while the service runs: add the new key, make it active, run this, then retire the old.
 * Returns how many rows were rewritten.
 */
export async function rotateFieldKeys(
  dataSource: DataSource,
  schema: string,
  cipher: FieldCipher,
  targets: EncryptedColumns[],
  batchSize = 500,
): Promise<number> {
  const current = `v1.${cipher.activeKeyId}.%`;
  let rewritten = 0;
  for (const { table, columns } of targets) {
    const qualified = `"${schema}"."${table}"`;
    const stale = columns.map((c) => `${c} NOT LIKE $1`).join(' OR ');
    for (;;) {
      const count = await dataSource.transaction(async (tx) => {
        const rows: Array<Record<string, string>> = await tx.query(
          `SELECT ctid::text AS row_ref, ${columns.join(', ')} FROM ${qualified}
            WHERE ${stale} LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [current, batchSize],
        );
        for (const row of rows) {
          await tx.query(
            `UPDATE ${qualified} SET ${columns.map((c, i) => `${c} = $${i + 1}`).join(', ')}
              WHERE ctid = $${columns.length + 1}::tid`,
            [...columns.map((c) => cipher.rotate(row[c])), row.row_ref],
          );
        }
        return rows.length;
      });
      rewritten += count;
      if (count < batchSize) break;
    }
  }
  return rewritten;
}
