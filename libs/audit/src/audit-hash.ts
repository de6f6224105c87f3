import { sm3Hex } from '@minsheng/crypto';
import type { AuditRecordRow } from './audit-entry.js';

export const GENESIS_HASH = '0'.repeat(64);

// A key JSON.stringify would write as it is, between quotes.
const PLAIN_KEY = /^[\w$-]*$/;

/**
 * Sorts a few keys in place with `>`, the order of the default sort (UTF-16 code units). V8's own
 * sort copies the array into a work area first: for the handful of keys of an envelope or a
 * record's details that was a tenth of what an exchange gateway allocated.
 */
function sortKeys(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
}

/**
 * JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash.
 * Written as loops, not entries/filter/sort/map/join: it runs for every audit record and twice
 * per envelope at each exchange hop, and the output must stay byte for byte what it was.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  sortKeys(keys);
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    const name = PLAIN_KEY.test(key) ? `"${key}"` : JSON.stringify(key);
    out += `${out.length === 1 ? '' : ','}${name}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** SM3 over the previous hash and every field of the record, in a fixed order. */
export function auditRecordHash(row: AuditRecordRow, chainIndex: string, prevHash: string): string {
  const fields = [
    chainIndex,
    row.id,
    new Date(row.at).toISOString(),
    row.actor_id,
    row.actor_roles,
    row.actor_division,
    row.action,
    row.outcome,
    row.target_type,
    row.target_id,
    row.division_code,
    row.request_id,
    row.ip,
    row.details,
  ];
  return sm3Hex(`${prevHash}|${canonicalJson(fields)}`);
}
