import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { leaderMessageConvertedToCaseEvent, type LeaderMessageResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { invalidState } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';
import { MessageAccess } from './message-access.js';
import { MessageViews } from './message-views.js';

/**
 * 转为信访事项: a claimed message that is a petition matter goes to the petition service, which
 * registers the case from `leader-message.message.converted-to-case`. The citizen's contact
 * travels only as the field ciphertext stored here. The case's number and conclusion come back
 * through petition's events (see `PetitionCaseLink`).
 */
@Injectable()
export class ConvertToCaseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MessageAccess,
    private readonly views: MessageViews,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: string): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (m.status !== 'claimed' && m.status !== 'assigned') {
        throw invalidState('只有已认领、尚未答复的留言可以转为信访事项');
      }
      const now = this.clock.now();
      m.status = 'converted';
      m.convertedAt = now;
      await tx.update(BoardMessageEntity, { id: m.id }, { status: 'converted', convertedAt: now });
      await this.events.publish(
        tx,
        leaderMessageConvertedToCaseEvent,
        {
          messageId: m.id,
          boardId: m.boardId,
          externalId: m.externalId,
          leaderId: m.leaderId,
          divisionCode: m.divisionCode,
          title: m.title,
          content: m.content,
          type: m.type,
          domain: m.domain,
          postedAt: m.postedAt.toISOString(),
          authorName: m.authorName,
          contactPhoneEncrypted: m.contactPhoneEncrypted,
          convertedAt: now.toISOString(),
          convertedBy: principal.userId,
        },
        { divisionCode: m.divisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'leader-message.converted-to-case',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { externalId: m.externalId },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
