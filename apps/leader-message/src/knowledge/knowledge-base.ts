import { randomUUID } from 'node:crypto';
import { ForbiddenException } from '@nestjs/common';
import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { ErrorCodes, type KnowledgeSearchQuery } from '@minsheng/contracts';
import { actorOf, type AuditTrail } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import type { Clock } from '../clock.js';
import { notFound } from '../leader-message.errors.js';
import { SqlParams, divisionSubtree } from '@minsheng/persistence';
import { divisionAndAncestors } from '../message/division-ancestors.js';
import { anyBigramQuery, bigramSearchWords } from '@minsheng/text-analysis';

interface Entry {
  id: string;
  divisionCode: string;
  title: string;
  body: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export interface KnowledgeKind<E extends Entry, Req extends { divisionCode: string }, Res> {
  table: 'reply_template' | 'policy_article';
  entity: EntityTarget<E>;
  /** What is searched besides the title and body. */
  extraText(request: Req): string[];
  fields(request: Req): Partial<E>;
  toResponse(entry: E): Res;
  /** For messages and audit: 答复模板 / 政策. */
  noun: string;
  auditType: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The reply templates and the policy knowledge base work alike: an entry belongs to a division;
 * staff of that division, of the divisions below it (a provincial policy holds in every county)
 * and of the divisions above it see it; only staff whose jurisdiction covers it change it.
 * Search runs on the two-character pieces of the text (`bigramSearchWords`) in a `simple` tsvector
 * kept with each write: no segmenter, so this service does not hold jieba's dictionary.
 */
export class KnowledgeBase<E extends Entry, Req extends { divisionCode: string }, Res> {
  constructor(
    private readonly kind: KnowledgeKind<E, Req, Res>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, request: Req): Promise<Res> {
    if (!coversDivision(principal, request.divisionCode)) throw notFound('行政区划不在管辖范围内');
    return inTransaction(this.dataSource, async (tx) => {
      const now = this.clock.now();
      const entry = {
        ...this.kind.fields(request),
        id: randomUUID(),
        divisionCode: request.divisionCode,
        createdBy: principal.userId,
        createdAt: now,
        updatedBy: principal.userId,
        updatedAt: now,
      } as E;
      await tx.insert(this.kind.entity, entry as never);
      await tx.query(
        `UPDATE ${this.kind.table} SET search_vector = to_tsvector('simple', $2) WHERE id = $1`,
        [entry.id, this.words(request, entry)],
      );
      await this.record(tx, principal, 'created', entry);
      return this.kind.toResponse(entry);
    });
  }

  async get(principal: Principal, id: string): Promise<Res> {
    return this.kind.toResponse(await this.load(this.dataSource.manager, principal, id));
  }

  async update(principal: Principal, id: string, request: Req): Promise<Res> {
    return inTransaction(this.dataSource, async (tx) => {
      const entry = await this.loadForChange(tx, principal, id);
      if (!coversDivision(principal, request.divisionCode))
        throw notFound('行政区划不在管辖范围内');
      const now = this.clock.now();
      Object.assign(entry, this.kind.fields(request), {
        divisionCode: request.divisionCode,
        updatedBy: principal.userId,
        updatedAt: now,
      });
      await tx.update(
        this.kind.entity,
        { id } as never,
        {
          ...this.kind.fields(request),
          divisionCode: request.divisionCode,
          updatedBy: principal.userId,
          updatedAt: now,
        } as never,
      );
      await tx.query(
        `UPDATE ${this.kind.table} SET search_vector = to_tsvector('simple', $2) WHERE id = $1`,
        [id, this.words(request, entry)],
      );
      await this.record(tx, principal, 'updated', entry);
      return this.kind.toResponse(entry);
    });
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const entry = await this.loadForChange(tx, principal, id);
      await tx.delete(this.kind.entity, { id } as never);
      await this.record(tx, principal, 'deleted', entry);
    });
  }

  /** Best match first with `q` (any of its pieces; entries sharing more rank higher), else newest. */
  async search(principal: Principal, query: KnowledgeSearchQuery): Promise<Res[]> {
    const params = new SqlParams();
    const where = [
      `(division_code = ANY(${params.add(divisionAndAncestors(principal.divisionCode))}::text[])
        OR ${divisionSubtree('division_code', principal.divisionCode, params)})`,
    ];
    if (query.domain && this.kind.table === 'reply_template') {
      where.push(`domain = ${params.add(query.domain)}`);
    }
    let order = 'updated_at DESC, id';
    if (query.q) {
      const tsquery = anyBigramQuery(query.q);
      if (!tsquery) return [];
      const q = `to_tsquery('simple', ${params.add(tsquery)})`;
      where.push(`search_vector @@ ${q}`);
      order = `ts_rank(search_vector, ${q}) DESC, updated_at DESC, id`;
    }
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${this.kind.table} WHERE ${where.join(' AND ')}
        ORDER BY ${order} LIMIT ${query.limit}`,
      params.values,
    );
    if (ids.length === 0) return [];
    const entries = await this.dataSource.manager.find(this.kind.entity, {
      where: ids.map(({ id }) => ({ id })) as never,
    });
    const byId = new Map(entries.map((e) => [e.id, e]));
    return ids.map(({ id }) => this.kind.toResponse(byId.get(id)!));
  }

  private words(request: Req, entry: Pick<Entry, 'title' | 'body'>): string {
    return bigramSearchWords(entry.title, entry.body, ...this.kind.extraText(request));
  }

  /** Visible: of the caller's division, above it or below it; otherwise 404. */
  private async load(manager: EntityManager, principal: Principal, id: string): Promise<E> {
    const entry = UUID.test(id)
      ? await manager.findOne(this.kind.entity, { where: { id } as never })
      : null;
    const visible =
      entry &&
      (coversDivision(principal, entry.divisionCode) ||
        divisionAndAncestors(principal.divisionCode).includes(entry.divisionCode));
    if (!visible) throw notFound(`${this.kind.noun}不存在`);
    return entry;
  }

  /** An entry of a division above the caller's is seen but kept by that division's staff. */
  private async loadForChange(tx: EntityManager, principal: Principal, id: string): Promise<E> {
    const entry = await this.load(tx, principal, id);
    if (!coversDivision(principal, entry.divisionCode)) {
      throw new ForbiddenException({
        code: ErrorCodes.forbidden,
        message: `上级的${this.kind.noun}由上级维护`,
      });
    }
    return entry;
  }

  private record(tx: EntityManager, principal: Principal, verb: string, entry: E) {
    return this.audit.record(
      {
        action: `leader-message.${this.kind.auditType}-${verb}`,
        outcome: 'success',
        actor: actorOf(principal),
        target: { type: this.kind.auditType, id: entry.id },
        divisionCode: entry.divisionCode,
        details: { title: entry.title },
      },
      tx,
    );
  }
}
