import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  leaderMessageReplyReturnedEvent,
  type LeaderMessageResponse,
  type ReviewReplyRequest,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { invalidState } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';
import { MessageAccess } from './message-access.js';
import { messageRef } from './message-events.js';
import { MessageViews } from './message-views.js';
import { ReplyDraftEntity } from './reply-draft.entity.js';

/**
 * The leader's office reviews the latest draft: 退回重办 sends it back to the organ with a
 * comment; approval queues the text for publication on the board (the scheduler posts it).
 */
@Injectable()
export class ReviewReplyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MessageAccess,
    private readonly views: MessageViews,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: ReviewReplyRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (m.status !== 'drafted') throw invalidState('没有待审核的答复');
      const draft = await tx.findOneOrFail(ReplyDraftEntity, {
        where: { messageId: m.id },
        order: { version: 'DESC' },
      });
      const now = this.clock.now();
      await tx.update(
        ReplyDraftEntity,
        { id: draft.id },
        {
          decision: request.decision,
          comment: request.comment ?? null,
          reviewedBy: principal.userId,
          reviewedAt: now,
        },
      );
      if (request.decision === 'return') {
        m.status = 'assigned';
        m.returnCount += 1;
        await tx.update(
          BoardMessageEntity,
          { id: m.id },
          { status: 'assigned', returnCount: m.returnCount },
        );
        await this.events.publish(
          tx,
          leaderMessageReplyReturnedEvent,
          { ...messageRef(m), returnedAt: now.toISOString(), returnCount: m.returnCount },
          { divisionCode: m.divisionCode, occurredAt: now },
        );
      } else {
        m.status = 'approved';
        m.approvedText = draft.text;
        m.approvedAt = now;
        await tx.update(
          BoardMessageEntity,
          { id: m.id },
          { status: 'approved', approvedText: draft.text, approvedAt: now },
        );
      }
      await this.audit.record(
        {
          action: `leader-message.reply-${request.decision === 'return' ? 'returned' : 'approved'}`,
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { version: draft.version },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
