import { divisionTier } from '@minsheng/domain';

/** Collects positional parameters while a query is assembled. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The division subtree of `code` as an index-friendly condition: equality for a county, a range of
 * codes for a city (`5101xx`) or a province (`51xxxx`) — the shape every jurisdiction-scoped list
 * query uses.
 */
export function divisionSubtree(column: string, code: string, params: SqlParams): string {
  switch (divisionTier(code)) {
    case 'county':
      return `${column} = ${params.add(code)}`;
    case 'city':
      return `${column} BETWEEN ${params.add(code)} AND ${params.add(`${code.slice(0, 4)}99`)}`;
    case 'province':
      return `${column} BETWEEN ${params.add(code)} AND ${params.add(`${code.slice(0, 2)}9999`)}`;
  }
}

/**
 * Run first in a transaction that claims the oldest pending rows through a partial index
 * (`… WHERE sent_at IS NULL ORDER BY id LIMIT n FOR UPDATE`). Planned as a bitmap scan, such a claim
 * reads every entry that marking rows done has left dead since the last vacuum — on a fresh table
 * under intake's load 10,000 entries and 10 ms a pass, growing — and never marks them dead. A plain
 * index scan walks the index in order, stops at the batch, and marks the dead entries it passes,
 * so the next claim skips them.
 */
export const PLAIN_INDEX_SCAN = 'SET LOCAL enable_bitmapscan = off';

/** Text of an instant with microseconds, for cursors that must not lose precision. */
export const cursorInstant = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
