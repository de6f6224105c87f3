import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  leaderBoardBrowsedEvent,
  type BoardResponse,
  type ConfigureBoardRequest,
  type LeaderMessageResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { conflict, notFound } from '../leader-message.errors.js';
import { BoardMessageEntity } from '../message/board-message.entity.js';
import { MessageViews } from '../message/message-views.js';
import { BoardBrowseEntity } from './board-browse.entity.js';
import { BoardEntity } from './board.entity.js';

export function toBoardResponse(b: BoardEntity): BoardResponse {
  return {
    id: b.id,
    externalId: b.externalId,
    leader: { id: b.leaderId, name: b.leaderName, title: b.leaderTitle },
    divisionCode: b.divisionCode,
    source: b.source,
    sync: {
      cursor: b.cursor,
      failures: b.failures,
      nextAttemptAt: b.nextAttemptAt?.toISOString() ?? null,
      lastSyncedAt: b.lastSyncedAt?.toISOString() ?? null,
      lastError: b.lastError,
    },
  };
}

/** Adds a leader's board to the boards this instance pulls (province, city, county leaders). */
@Injectable()
export class ConfigureBoardUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, request: ConfigureBoardRequest): Promise<BoardResponse> {
    if (!coversDivision(principal, request.divisionCode)) throw notFound('行政区划不在管辖范围内');
    return inTransaction(this.dataSource, async (tx) => {
      const existing = await tx.findOneBy(BoardEntity, { externalId: request.externalId });
      if (existing) throw conflict(Codes.boardAlreadyConfigured, '该留言板已配置');
      const board: BoardEntity = {
        id: randomUUID(),
        externalId: request.externalId,
        leaderId: request.leader.id,
        leaderName: request.leader.name,
        leaderTitle: request.leader.title,
        divisionCode: request.divisionCode,
        source: request.source,
        cursor: null,
        failures: 0,
        nextAttemptAt: null,
        leaseUntil: null,
        lastSyncedAt: null,
        lastError: null,
        createdBy: principal.userId,
        createdAt: this.clock.now(),
      };
      await tx.insert(BoardEntity, board);
      await this.audit.record(
        {
          action: 'leader-message.board-configured',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board', id: board.id },
          divisionCode: board.divisionCode,
          details: { externalId: board.externalId, leaderId: board.leaderId },
        },
        tx,
      );
      return toBoardResponse(board);
    });
  }
}

@Injectable()
export class ListBoardsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<BoardResponse[]> {
    const boards = await this.dataSource
      .getRepository(BoardEntity)
      .find({ order: { divisionCode: 'ASC', createdAt: 'ASC' } });
    return boards.filter((b) => coversDivision(principal, b.divisionCode)).map(toBoardResponse);
  }
}

/**
 * 定期浏览: a leader's team looks at the board's new (unclaimed) messages; who looked and when is
 * recorded, and statistics hear of it.
 */
@Injectable()
export class BrowseBoardUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly views: MessageViews,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, boardId: string): Promise<LeaderMessageResponse[]> {
    return inTransaction(this.dataSource, async (tx) => {
      const uuid = /^[0-9a-f-]{36}$/i.test(boardId);
      const board = uuid ? await tx.findOneBy(BoardEntity, { id: boardId }) : null;
      if (!board || !coversDivision(principal, board.divisionCode)) throw notFound('留言板不存在');
      const messages = await tx.find(BoardMessageEntity, {
        where: { boardId: board.id, status: 'new' },
        order: { postedAt: 'ASC' },
        take: 200,
      });
      const now = this.clock.now();
      await tx.insert(BoardBrowseEntity, {
        id: randomUUID(),
        boardId: board.id,
        userId: principal.userId,
        browsedAt: now,
        unclaimed: messages.length,
      });
      await this.events.publish(
        tx,
        leaderBoardBrowsedEvent,
        {
          boardId: board.id,
          leaderId: board.leaderId,
          divisionCode: board.divisionCode,
          userId: principal.userId,
          browsedAt: now.toISOString(),
          unclaimed: messages.length,
        },
        { divisionCode: board.divisionCode, occurredAt: now },
      );
      return this.views.viewMany(tx, messages);
    });
  }
}
