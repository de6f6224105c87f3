import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  leaderMessageAssignedEvent,
  type AssignMessageRequest,
  type LeaderMessageResponse,
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

/** 交办: a claimed message goes to a lead organ (主办) and any co-organs (协办). */
@Injectable()
export class AssignMessageUseCase {
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
    request: AssignMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (m.status !== 'claimed' && m.status !== 'assigned') {
        throw invalidState('只有已认领的留言可以交办');
      }
      const now = this.clock.now();
      const coOrgans = request.coOrgans.filter((o) => o.id !== request.leadOrgan.id);
      Object.assign(m, {
        status: 'assigned',
        leadOrganId: request.leadOrgan.id,
        leadOrganName: request.leadOrgan.name,
        coOrgans,
        instructions: request.instructions,
        assignedAt: now,
      });
      await tx.update(
        BoardMessageEntity,
        { id: m.id },
        {
          status: m.status,
          leadOrganId: m.leadOrganId,
          leadOrganName: m.leadOrganName,
          coOrgans,
          instructions: m.instructions,
          assignedAt: now,
        },
      );
      await this.events.publish(
        tx,
        leaderMessageAssignedEvent,
        { ...messageRef(m), coOrganIds: coOrgans.map((o) => o.id), assignedAt: now.toISOString() },
        { divisionCode: m.divisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'leader-message.assigned',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { leadOrganId: m.leadOrganId, coOrganIds: coOrgans.map((o) => o.id) },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
