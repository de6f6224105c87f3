import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  type ListMessagesQuery,
  type MessageListPage,
} from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { Clock } from '../clock.js';
import {
  LEADER_MESSAGE_CONFIG,
  type LeaderMessageConfig,
} from '../config/leader-message.settings.js';
import { badRequest, notFound } from '../leader-message.errors.js';
import type { OrganRef } from './board-message.entity.js';
import { SqlParams, cursorInstant, divisionSubtree } from '@minsheng/persistence';

interface Row {
  id: string;
  board_id: string;
  external_id: string;
  leader_id: string;
  division_code: string;
  type: string;
  domain: string;
  title: string;
  author_name: string;
  posted_at: Date;
  status: MessageListPage['items'][number]['status'];
  urgent: boolean;
  current_deadline: Date | null;
  lead_organ_id: string | null;
  co_organs: OrganRef[];
  sort_at: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const encodeCursor = (at: string, id: string) =>
  Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(text: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && INSTANT.test(at) && typeof id === 'string' && UUID.test(id)) {
      return { at, id };
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest(Codes.invalidCursor, '分页游标无效');
}

/**
 * The desk's list of messages in the caller's jurisdiction, with filters and keyset pagination:
 * newest first, or by the deadline the message works to now (open messages only). Each order is
 * one index range (`division_code, posted_at, id` / `division_code, current_deadline, id`), so a
 * later page costs what the first does. Items carry no personal data.
 */
@Injectable()
export class ListMessagesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(LEADER_MESSAGE_CONFIG) private readonly config: LeaderMessageConfig,
  ) {}

  async execute(principal: Principal, query: ListMessagesQuery): Promise<MessageListPage> {
    const now = this.clock.now();
    const params = new SqlParams();
    const where = [divisionSubtree('division_code', principal.divisionCode, params)];
    if (query.divisionCode) {
      if (!coversDivision(principal, query.divisionCode)) throw notFound('不在你的管辖范围内');
      where.push(divisionSubtree('division_code', query.divisionCode, params));
    }
    if (query.status) where.push(`status = ANY(${params.add(query.status)}::text[])`);
    if (query.boardId) where.push(`board_id = ${params.add(query.boardId)}`);
    if (query.leaderId) where.push(`leader_id = ${params.add(query.leaderId)}`);
    if (query.organId) {
      const organ = params.add(query.organId);
      where.push(
        `(lead_organ_id = ${organ} OR co_organs @> jsonb_build_array(jsonb_build_object('id', ${organ}::text)))`,
      );
    }
    if (query.due === 'overdue') {
      where.push(`current_deadline < ${params.add(now)}`);
    } else if (query.due === 'soon') {
      const until = this.config.calendar.addDays(now, this.config.WARNING_DAYS_BEFORE);
      where.push(`current_deadline BETWEEN ${params.add(now)} AND ${params.add(until)}`);
    }
    const byDeadline = query.sort === 'deadline';
    const column = byDeadline ? 'current_deadline' : 'posted_at';
    if (byDeadline) where.push('current_deadline IS NOT NULL');
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      where.push(
        `(${column}, id) ${byDeadline ? '>' : '<'} (${params.add(cursor.at)}::timestamptz, ${params.add(cursor.id)}::uuid)`,
      );
    }
    const order = byDeadline ? 'current_deadline ASC, id ASC' : 'posted_at DESC, id DESC';
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, board_id, external_id, leader_id, division_code, type, domain, title, author_name, posted_at,
              status, urgent, current_deadline, lead_organ_id, co_organs,
              ${cursorInstant(column)} AS sort_at
         FROM board_message WHERE ${where.join(' AND ')}
        ORDER BY ${order} LIMIT ${query.limit + 1}`,
      params.values,
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        boardId: r.board_id,
        externalId: r.external_id,
        leaderId: r.leader_id,
        divisionCode: r.division_code,
        type: r.type,
        domain: r.domain,
        title: r.title,
        authorName: r.author_name,
        postedAt: r.posted_at.toISOString(),
        status: r.status,
        urgent: r.urgent,
        currentDeadline: r.current_deadline?.toISOString() ?? null,
        overdue: !!r.current_deadline && r.current_deadline < now,
        leadOrganId: r.lead_organ_id,
        coOrganIds: r.co_organs.map((o) => o.id),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_at, last.id) : null,
    };
  }
}
