import { sm3Hex } from '@minsheng/crypto';
import type { AuditRecordRow } from './audit-entry.js';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
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
