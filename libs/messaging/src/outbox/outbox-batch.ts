import type { Pool, PoolClient, QueryResult } from 'pg';
import type { DataSource } from 'typeorm';

export interface OutboxTable {
  schema: string;
  table: string;
  /** Columns read for publishing; `seq` (bigint, the table's order) is always read. */
  columns: readonly string[];
  /**
   * Those of `columns` read as their text: a jsonb document published as stored, rather than
   * parsed into objects by pg and serialised again for the wire.
   */
  textColumns?: readonly string[];
  /** Names the advisory lock that lets one relay per table work at a time. */
  lockName: string;
  batchSize: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Publishes the next batch of an outbox table's unpublished rows, in `seq` order, under the
 * table's advisory lock, and marks them published once `publish` has resolved — in two round trips
 * to Postgres: `BEGIN` + lock + read as one message, `UPDATE` + `COMMIT` as another (Postgres' simple
 * protocol takes several statements at once; the values are numbers and names checked here). With
 * TypeORM's transaction API the same work took five, and under intake's load the relays' round
 * trips were a third of all its queries. Returns how many rows it published: 0 when the table is
 * empty or another relay holds the lock.
 */
export async function publishOutboxBatch<R extends { seq: string }>(
  dataSource: DataSource,
  table: OutboxTable,
  publish: (rows: R[]) => Promise<unknown>,
): Promise<number> {
  const textColumns = new Set(table.textColumns ?? []);
  for (const name of textColumns) {
    if (!table.columns.includes(name)) throw new Error(`outbox: ${name} is not a column read`);
  }
  for (const name of [table.schema, table.table, ...table.columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`outbox: not a plain identifier: ${name}`);
  }
  if (!Number.isInteger(table.batchSize) || table.batchSize < 1) {
    throw new Error('outbox: batchSize must be a positive integer');
  }
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const client: PoolClient = await pool.connect();
  const qualified = `"${table.schema}"."${table.table}"`;
  const columns = table.columns
    .map((name) => (textColumns.has(name) ? `${name}::text AS ${name}` : name))
    .join(', ');
  let broken: Error | undefined;
  // A checked-out client has no listener of the pool's: an error between queries (Postgres
  // restarting while a batch is being published) would otherwise crash the process.
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    const results = (await client.query(
      `BEGIN;
       WITH lock AS MATERIALIZED (
         SELECT pg_try_advisory_xact_lock(hashtext(${client.escapeLiteral(table.lockName)})) AS held)
       SELECT seq, ${columns} FROM lock, ${qualified}
        WHERE lock.held AND published_at IS NULL ORDER BY seq LIMIT ${table.batchSize}`,
    )) as unknown as QueryResult[];
    const rows = results[1].rows as R[];
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return 0;
    }
    // Checked before anything is published: the seqs are written into the UPDATE's text.
    const seqs = rows.map((row) => {
      if (!/^\d+$/.test(String(row.seq))) throw new Error(`outbox: unexpected seq ${row.seq}`);
      return row.seq;
    });
    await publish(rows);
    await client.query(
      `UPDATE ${qualified} SET published_at = now() WHERE seq = ANY('{${seqs.join(',')}}'::bigint[]);
       COMMIT`,
    );
    return rows.length;
  } catch (error) {
    // A connection that cannot even roll back is discarded, not returned to the pool mid-transaction.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
