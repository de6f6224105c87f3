import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  leaderMessageExtendedEvent,
  type ExtendMessageRequest,
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

/** 延期: the leader's office approves more days for a complex message's reply. */
@Injectable()
export class ExtendMessageUseCase {
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
    request: ExtendMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (!['claimed', 'assigned', 'drafted'].includes(m.status)) {
        throw invalidState('只有办理中的留言可以延期');
      }
      const now = this.clock.now();
      m.replyDeadline = this.config.calendar.addDays(m.replyDeadline, request.days);
      m.extensionDays += request.days;
      await tx.update(
        BoardMessageEntity,
        { id: m.id },
        {
          replyDeadline: m.replyDeadline,
          extensionDays: m.extensionDays,
          // A new deadline gets its own warnings.
          warnings: m.warnings.filter((w) => !w.startsWith('reply-')),
        },
      );
      await this.events.publish(
        tx,
        leaderMessageExtendedEvent,
        {
          ...messageRef(m),
          days: request.days,
          reason: request.reason,
          extendedAt: now.toISOString(),
        },
        { divisionCode: m.divisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'leader-message.extended',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { days: request.days, reason: request.reason },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
