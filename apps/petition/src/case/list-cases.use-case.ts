import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes, type CaseListPage, type ListCasesQuery } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { PETITION_SETTINGS, type PetitionSettings } from '../config/petition.settings.js';
import { CASE_LIST_COLUMNS, toCaseListItem, type CaseListRow } from './case.mapper.js';
import { cursorInstant, divisionSubtree, SqlParams } from '@minsheng/persistence';
import { invalidCursor, organRequired } from './case.errors.js';

interface Cursor {
  /** The sort value of the last row (an instant with microseconds), or null (no deadline). */
  at: string | null;
  id: string;
}

const UUID = /^[0-9a-f-]{36}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (
      typeof id === 'string' &&
      UUID.test(id) &&
      (at === null || (typeof at === 'string' && INSTANT.test(at)))
    ) {
      return { at, id };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidCursor();
}

/**
 * The worklists (待办, 本单位, 即将到期, 已超期) with filters and keyset pagination. Each view is
 * one indexed range: a county's list reads `(division_code, registered_at, id)`, an organ's
 * `(lead_organ_id, …)`, deadlines `(division_code, next_deadline_at, id)`; nothing is counted or
 * offset, so page 1000 costs what page 1 does.
 */
@Injectable()
export class ListCasesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(PETITION_SETTINGS) private readonly settings: PetitionSettings,
  ) {}

  async execute(principal: Principal, query: ListCasesQuery): Promise<CaseListPage> {
    const now = new Date();
    const params = new SqlParams();
    const where: string[] = [];
    const organ = principal.organId;
    if (query.view === 'mine' || query.view === 'organ') {
      if (!organ) throw organRequired();
      where.push(
        query.view === 'mine'
          ? `acting_parties && ${params.add(principal.roles.map((role) => `${organ}:${role}`))}::text[]`
          : `lead_organ_id = ${params.add(organ)}`,
      );
    } else {
      where.push(divisionSubtree('division_code', principal.divisionCode, params));
    }
    if (query.view === 'due-soon') {
      const until = new Date(now.getTime() + this.settings.SUPERVISION_WARNING_DAYS * 86_400_000);
      where.push(`next_deadline_at BETWEEN ${params.add(now)} AND ${params.add(until)}`);
    } else if (query.view === 'overdue') {
      where.push(`next_deadline_at < ${params.add(now)}`);
    }
    if (query.divisionCode) {
      if (!coversDivision(principal, query.divisionCode)) {
        throw new NotFoundException({ code: ErrorCodes.notFound, message: '不在你的管辖范围内' });
      }
      where.push(divisionSubtree('division_code', query.divisionCode, params));
    }
    if (query.status) where.push(`status = ANY(${params.add(query.status)}::text[])`);
    if (query.kind) where.push(`kind = ${params.add(query.kind)}`);
    if (query.channel) where.push(`channel = ${params.add(query.channel)}`);
    if (query.from) where.push(`registered_at >= ${params.add(query.from)}`);
    if (query.to) where.push(`registered_at < ${params.add(query.to)}`);

    const byDeadline = query.sort === 'deadline';
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    if (cursor && !byDeadline) {
      if (cursor.at === null) throw invalidCursor();
      where.push(
        `(registered_at, id) < (${params.add(cursor.at)}::timestamptz, ${params.add(cursor.id)}::uuid)`,
      );
    } else if (cursor && cursor.at !== null) {
      const at = params.add(cursor.at);
      where.push(
        `((next_deadline_at, id) > (${at}::timestamptz, ${params.add(cursor.id)}::uuid) OR next_deadline_at IS NULL)`,
      );
    } else if (cursor) {
      where.push(`next_deadline_at IS NULL AND id > ${params.add(cursor.id)}::uuid`);
    }
    const sortColumn = byDeadline ? 'next_deadline_at' : 'registered_at';
    const order = byDeadline
      ? 'next_deadline_at ASC NULLS LAST, id ASC'
      : 'registered_at DESC, id DESC';
    const rows: Array<CaseListRow & { sort_at: string | null }> = await this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS}, ${cursorInstant(sortColumn)} AS sort_at
         FROM petition_case WHERE ${where.join(' AND ')}
        ORDER BY ${order} LIMIT ${query.limit + 1}`,
      params.values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const items = page.map((row) => toCaseListItem(row, now));
    // The list names petitioners (masked): a read of personal data, so it is recorded.
    await this.audit.record({
      action: 'case.listed',
      outcome: 'success',
      actor: actorOf(principal),
      details: {
        view: query.view ?? 'jurisdiction',
        filters: { ...query, cursor: undefined },
        caseIds: items.map((item) => item.id),
      },
    });
    return {
      items,
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null,
    };
  }
}
