import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { WriteBatch } from '@minsheng/persistence';
import type { AuditEntry } from './audit-entry.js';
import { AUDIT_OPTIONS, type AuditOptions } from './audit.options.js';

/**
 * Writes audit records. Pass the transaction's EntityManager when the audited change is in one,
 * so the record exists exactly when the change does; AuditSealer chains it shortly after.
 */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_OPTIONS) private readonly options: AuditOptions,
  ) {}

  private get schema(): string {
    return this.options.schema;
  }

  async record(entry: AuditEntry, manager?: EntityManager): Promise<string> {
    const { id, sql, params } = this.insert(entry);
    await (manager ?? this.dataSource.manager).query(sql, params);
    return id;
  }

  /** {@link record} into a {@link WriteBatch}: the record exists exactly when its writes do. */
  stage(batch: WriteBatch, entry: AuditEntry): string {
    const { id, sql, params } = this.insert(entry);
    batch.add(sql, params);
    return id;
  }

  private insert(entry: AuditEntry): { id: string; sql: string; params: unknown[] } {
    const id = randomUUID();
    return {
      id,
      sql: `INSERT INTO "${this.schema}".audit_record
         (id, at, actor_id, actor_roles, actor_division, action, outcome, target_type, target_id,
          division_code, request_id, ip, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      params: [
        id,
        new Date(),
        entry.actor.id,
        entry.actor.roles,
        entry.actor.divisionCode,
        entry.action,
        entry.outcome,
        entry.target?.type ?? null,
        entry.target?.id ?? null,
        entry.divisionCode ?? null,
        this.options.currentRequestId?.() ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.details ?? {}),
      ],
    };
  }
}
