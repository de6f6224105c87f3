import type { AuditRecordRow } from './audit-entry.js';
import { GENESIS_HASH, auditRecordHash } from './audit-hash.js';

/** Runs SQL and returns rows — a TypeORM DataSource/EntityManager `query` or a pg client wrapper. */
export type Query = (sql: string, params?: unknown[]) => Promise<unknown[]>;

export interface ChainProblem {
  seq: string;
  id: string;
  chainIndex: string | null;
  reason: string;
}

export interface ChainReport {
  verified: number;
  unsealed: number;
  problems: ChainProblem[];
}

export const RETENTION_ACTION = 'audit.retention.purged';

/**
 * Walks the chain in order and recomputes every hash. An altered record fails its own hash; a
 * removed one leaves a gap in the index or a broken link; the oldest remaining record must start
 * the chain or follow a purge that the chain itself recorded.
 */
export async function verifyAuditChain(
  query: Query,
  schema: string,
  batchSize = 2_000,
): Promise<ChainReport> {
  const table = `"${schema}".audit_record`;
  const problems: ChainProblem[] = [];
  const purgedThrough = new Map<string, string>();
  for (const row of (await query(
    `SELECT details FROM ${table} WHERE action = $1 AND hash IS NOT NULL`,
    [RETENTION_ACTION],
  )) as Array<{ details: { throughChainIndex?: string; lastPurgedHash?: string } }>) {
    if (row.details.throughChainIndex && row.details.lastPurgedHash) {
      purgedThrough.set(String(row.details.throughChainIndex), row.details.lastPurgedHash);
    }
  }

  let verified = 0;
  let previous: { index: bigint; hash: string } | undefined;
  for (;;) {
    const rows = (await query(
      `SELECT * FROM ${table} WHERE chain_index IS NOT NULL AND chain_index > $1 ORDER BY chain_index LIMIT $2`,
      [previous ? previous.index.toString() : '0', batchSize],
    )) as AuditRecordRow[];
    for (const row of rows) {
      const index = BigInt(row.chain_index!);
      const problem = (reason: string) =>
        problems.push({
          seq: String(row.seq),
          id: row.id,
          chainIndex: String(row.chain_index),
          reason,
        });
      if (!previous) {
        const anchor = index === 1n ? GENESIS_HASH : purgedThrough.get((index - 1n).toString());
        if (anchor === undefined)
          problem(`chain starts at index ${index} with no recorded purge before it`);
        else if (row.prev_hash !== anchor) problem('first record does not link to the chain start');
      } else if (index !== previous.index + 1n) {
        problem(`records ${previous.index + 1n}..${index - 1n} are missing`);
      } else if (row.prev_hash !== previous.hash) {
        problem('link to the previous record is broken');
      }
      if (auditRecordHash(row, String(row.chain_index), row.prev_hash ?? '') !== row.hash) {
        problem('record content does not match its hash (altered)');
      }
      previous = { index, hash: row.hash ?? '' };
      verified++;
    }
    if (rows.length < batchSize) break;
  }
  const [{ n }] = (await query(
    `SELECT count(*)::int AS n FROM ${table} WHERE hash IS NULL`,
  )) as Array<{
    n: number;
  }>;
  return { verified, unsealed: n, problems };
}
