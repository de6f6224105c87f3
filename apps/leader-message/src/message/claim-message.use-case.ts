import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  leaderMessageClaimedEvent,
  type ClaimMessageRequest,
  type LeaderMessageResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import {
  LEADER_MESSAGE_CONFIG,
  type LeaderMessageConfig,
} from '../config/leader-message.settings.js';
import { invalidState } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';
import { MessageAccess } from './message-access.js';
import { messageRef } from './message-events.js';
import { MessageViews } from './message-views.js';

/**
 * 认领: the leader's team takes a new message on. Marking it an urgent one moves the reply
 * deadline to the urgent limit. The board sees the claim on the scheduler's next pass.
 */
@Injectable()
export class ClaimMessageUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MessageAccess,
    private readonly views: MessageViews,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(LEADER_MESSAGE_CONFIG) private readonly config: LeaderMessageConfig,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: ClaimMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (m.status !== 'new') throw invalidState('只有待认领的留言可以认领');
      const now = this.clock.now();
      m.status = 'claimed';
      m.claimedAt = now;
      m.claimedBy = principal.userId;
      if (request.urgent && !m.urgent) {
        m.urgent = true;
        const urgentDeadline = this.config.calendar.addDays(
          m.postedAt,
          this.config.URGENT_REPLY_LIMIT_DAYS,
        );
        if (urgentDeadline < m.replyDeadline) m.replyDeadline = urgentDeadline;
      }
      await tx.update(
        BoardMessageEntity,
        { id: m.id },
        {
          status: m.status,
          claimedAt: now,
          claimedBy: m.claimedBy,
          urgent: m.urgent,
          replyDeadline: m.replyDeadline,
        },
      );
      await this.events.publish(
        tx,
        leaderMessageClaimedEvent,
        {
          ...messageRef(m),
          claimedAt: now.toISOString(),
          onTime: now <= m.claimDeadline,
          urgent: m.urgent,
        },
        { divisionCode: m.divisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'leader-message.claimed',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { externalId: m.externalId, urgent: m.urgent },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
