import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  leaderMessageRepliedEvent,
  type ConfirmPublicationRequest,
  type LeaderMessageResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { BoardEntity } from '../board/board.entity.js';
import { conflict, invalidState } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';
import { MessageAccess } from './message-access.js';
import { messageRef } from './message-events.js';
import { MessageViews } from './message-views.js';

/**
 * For a board worked through its web back office: staff publish the approved reply there by hand
 * and paste the board's confirmation back (text, time, the board's reply id). Boards with an API
 * are published by the scheduler instead.
 */
@Injectable()
export class ConfirmPublicationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MessageAccess,
    private readonly views: MessageViews,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: ConfirmPublicationRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      const board = await tx.findOneByOrFail(BoardEntity, { id: m.boardId });
      if (board.source !== 'import') {
        throw conflict(Codes.boardPublishesItself, '该留言板通过接口自动发布答复，无需手工确认');
      }
      if (m.status !== 'approved') throw invalidState('只有已审核通过的答复可以确认发布');
      const publishedAt = new Date(request.publishedAt);
      Object.assign(m, {
        status: 'published',
        publishedText: request.publishedText,
        publishedAt,
        boardReplyId: request.boardReplyId ?? null,
      });
      await tx.update(
        BoardMessageEntity,
        { id: m.id },
        {
          status: 'published',
          publishedText: m.publishedText,
          publishedAt,
          boardReplyId: m.boardReplyId,
        },
      );
      await this.events.publish(
        tx,
        leaderMessageRepliedEvent,
        {
          ...messageRef(m),
          publishedAt: publishedAt.toISOString(),
          onTime: publishedAt <= m.replyDeadline,
        },
        { divisionCode: m.divisionCode, occurredAt: publishedAt },
      );
      await this.audit.record(
        {
          action: 'leader-message.publication-confirmed',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { boardReplyId: m.boardReplyId },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
