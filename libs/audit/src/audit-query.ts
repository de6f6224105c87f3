import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuditRecordPage, AuditRecordQuery, AuditRecordResponse } from '@minsheng/contracts';
import { divisionTier } from '@minsheng/domain';
import type { AuditRecordRow } from './audit-entry.js';
import { AUDIT_OPTIONS, type AuditOptions } from './audit.options.js';

interface Reader {
  divisionCode: string;
}

const PREFIX_LENGTH = { province: 2, city: 4, county: 6 } as const;

/**
 * Reads audit records for an audit administrator, limited to their jurisdiction: records about
 * (or by staff of) divisions in their subtree, and instance-wide records only for the instance's
 * own audit administrators.
 */
@Injectable()
export class AuditQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  async page(reader: Reader, query: AuditRecordQuery): Promise<AuditRecordPage> {
    const rows = await this.rows(reader, query, query.limit + 1);
    const items = rows.slice(0, query.limit).map(toResponse);
    return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].seq : null };
  }

  /** Every matching record, newest first, in chunks — for export. */
  async *all(
    reader: Reader,
    query: Omit<AuditRecordQuery, 'limit'>,
  ): AsyncGenerator<AuditRecordResponse> {
    let before = query.before;
    for (;;) {
      const rows = await this.rows(reader, { ...query, before }, 1_000);
      for (const row of rows) yield toResponse(row);
      if (rows.length < 1_000) return;
      before = String(rows[rows.length - 1].seq);
    }
  }

  private rows(
    reader: Reader,
    query: Omit<AuditRecordQuery, 'limit'>,
    limit: number,
  ): Promise<AuditRecordRow[]> {
    const prefix = reader.divisionCode.slice(0, PREFIX_LENGTH[divisionTier(reader.divisionCode)]);
    const params: unknown[] = [`${prefix}%`, reader.divisionCode === this.options.instanceDivision];
    const where = [
      `(COALESCE(division_code, actor_division) LIKE $1 OR (COALESCE(division_code, actor_division) IS NULL AND $2))`,
    ];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (query.from) add('at >= ?', query.from);
    if (query.to) add('at < ?', query.to);
    if (query.action) add('action = ?', query.action);
    if (query.actorId) add('actor_id = ?', query.actorId);
    if (query.outcome) add('outcome = ?', query.outcome);
    if (query.before) add('seq < ?', query.before);
    params.push(limit);
    return this.dataSource.query(
      `SELECT * FROM "${this.options.schema}".audit_record WHERE ${where.join(' AND ')}
        ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
  }
}

function toResponse(row: AuditRecordRow): AuditRecordResponse {
  return {
    seq: String(row.seq),
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: { id: row.actor_id, roles: row.actor_roles, divisionCode: row.actor_division },
    action: row.action,
    outcome: row.outcome,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    divisionCode: row.division_code,
    requestId: row.request_id,
    details: row.details,
    chainIndex: row.chain_index === null ? null : String(row.chain_index),
    hash: row.hash,
  };
}
