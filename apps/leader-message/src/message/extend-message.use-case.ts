import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  leaderMessageExtendedEvent,
  leaderMessageExtensionRequestedEvent,
  type ExtendMessageRequest,
  type LeaderMessageResponse,
  type ReviewExtensionRequest,
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
import { conflict, invalidState } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';
import { ExtensionRequestEntity } from './extension-request.entity.js';
import { MessageAccess } from './message-access.js';
import { messageRef } from './message-events.js';
import { MessageViews } from './message-views.js';

const OPEN_FOR_EXTENSION = ['assigned', 'drafted'];

/** 申请延期 (step one): the lead organ asks the leader's office for more days. */
@Injectable()
export class RequestExtensionUseCase {
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
    request: ExtendMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (!OPEN_FOR_EXTENSION.includes(m.status)) {
        throw invalidState('只有已交办、尚未答复的留言可以申请延期');
      }
      if (principal.organId && principal.organId !== m.leadOrganId) {
        throw conflict(Codes.notLeadOrgan, '只有主办单位可以申请延期');
      }
      if (await tx.existsBy(ExtensionRequestEntity, { messageId: m.id, decision: IsNull() })) {
        throw conflict(Codes.extensionAlreadyRequested, '已有待审批的延期申请');
      }
      const now = this.clock.now();
      await tx.insert(ExtensionRequestEntity, {
        id: randomUUID(),
        messageId: m.id,
        days: request.days,
        reason: request.reason,
        organId: principal.organId ?? m.leadOrganId,
        requestedBy: principal.userId,
        requestedAt: now,
        decision: null,
        comment: null,
        decidedBy: null,
        decidedAt: null,
      });
      await this.events.publish(
        tx,
        leaderMessageExtensionRequestedEvent,
        {
          ...messageRef(m),
          days: request.days,
          reason: request.reason,
          requestedAt: now.toISOString(),
        },
        { divisionCode: m.divisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'leader-message.extension-requested',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { days: request.days },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}

/**
 * 审批延期 (step two): the leader's office approves the pending request — the reply deadline
 * moves by its days, counted by the deployment's calendar — or refuses it with a reason.
 */
@Injectable()
export class ReviewExtensionUseCase {
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
    request: ReviewExtensionRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      const pending = await tx.findOneBy(ExtensionRequestEntity, {
        messageId: m.id,
        decision: IsNull(),
      });
      if (!pending) throw conflict(Codes.noPendingExtension, '没有待审批的延期申请');
      if (!OPEN_FOR_EXTENSION.includes(m.status)) {
        throw invalidState('留言已不在办理中，延期申请无法批准');
      }
      const now = this.clock.now();
      await tx.update(
        ExtensionRequestEntity,
        { id: pending.id },
        {
          decision: request.decision,
          comment: request.comment ?? null,
          decidedBy: principal.userId,
          decidedAt: now,
        },
      );
      if (request.decision === 'approve') {
        m.replyDeadline = this.config.calendar.addDays(m.replyDeadline, pending.days);
        m.extensionDays += pending.days;
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
            days: pending.days,
            reason: pending.reason,
            extendedAt: now.toISOString(),
          },
          { divisionCode: m.divisionCode, occurredAt: now },
        );
      }
      await this.audit.record(
        {
          action: `leader-message.extension-${request.decision === 'approve' ? 'approved' : 'rejected'}`,
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { days: pending.days, requestId: pending.id },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
