import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  type LeaderMessageResponse,
  type OrganInputRequest,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { conflict, invalidState } from '../leader-message.errors.js';
import { MessageAccess } from './message-access.js';
import { MessageViews } from './message-views.js';
import { organRole } from './organ-inputs.js';

/**
 * 会办: the lead organ or a co-organ gives its input on an assigned message. An organ giving it
 * again (after 退回重办, say) replaces its earlier input.
 */
@Injectable()
export class GiveOrganInputUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: MessageAccess,
    private readonly views: MessageViews,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: OrganInputRequest,
  ): Promise<LeaderMessageResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (m.status !== 'assigned') throw invalidState('只有已交办、尚未起草答复的留言可以会办');
      const role = organRole(m, principal.organId);
      if (!role || !principal.organId) {
        throw conflict(Codes.notAssignedOrgan, '只有主办或协办单位可以提出会办意见');
      }
      const now = this.clock.now();
      await tx.query(
        `INSERT INTO organ_input (id, message_id, organ_id, organ_role, text, given_by, given_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (message_id, organ_id)
         DO UPDATE SET organ_role = EXCLUDED.organ_role, text = EXCLUDED.text,
                       given_by = EXCLUDED.given_by, given_at = EXCLUDED.given_at`,
        [randomUUID(), m.id, principal.organId, role, request.text, principal.userId, now],
      );
      await this.audit.record(
        {
          action: 'leader-message.organ-input-given',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { organId: principal.organId, role },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
