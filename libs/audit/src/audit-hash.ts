import { sm3Hex } from '@minsheng/crypto';
import type { AuditRecordRow } from './audit-entry.js';

export const GENESIS_HASH = '0'.repeat(64);

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
  // Default sort: UTF-16 code units, the same order as comparing the keys with < and >.
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
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
