import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  LeaderMessageErrorCodes as Codes,
  type DraftReplyRequest,
  type LeaderMessageResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { badRequest, conflict, invalidState } from '../leader-message.errors.js';
import { BoardMessageEntity } from './board-message.entity.js';
import { MessageAccess } from './message-access.js';
import { MessageViews } from './message-views.js';
import { OrganInputEntity } from './organ-input.entity.js';
import { awaitingInputFrom } from './organ-inputs.js';
import { ReplyDraftEntity } from './reply-draft.entity.js';
import { carriesPersonalData } from './reply-privacy.js';

/**
 * The lead organ drafts the reply (again, after 退回重办), once every organ of a 会办 has given
 * its input. A reply is published on the board for everyone to read, so a draft that carries an
 * ID or mobile number is refused.
 */
@Injectable()
export class DraftReplyUseCase {
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
    request: DraftReplyRequest,
  ): Promise<LeaderMessageResponse> {
    if (carriesPersonalData(request.text)) {
      throw badRequest(Codes.replyContainsPersonalData, '答复不得包含身份证号码或手机号码');
    }
    return inTransaction(this.dataSource, async (tx) => {
      const m = await this.access.load(principal, id, { tx, lock: true });
      if (m.status !== 'assigned') throw invalidState('只有已交办且未待审核的留言可以起草答复');
      if (principal.organId && principal.organId !== m.leadOrganId) {
        throw conflict(Codes.notLeadOrgan, '只有主办单位可以起草答复');
      }
      const awaited = awaitingInputFrom(
        m,
        await tx.find(OrganInputEntity, { where: { messageId: m.id } }),
      );
      if (awaited.length > 0) {
        throw conflict(Codes.organInputMissing, `尚待会办意见：${awaited.join('、')}`);
      }
      const now = this.clock.now();
      const [{ max }] = await tx.query(
        `SELECT coalesce(max(version), 0) AS max FROM reply_draft WHERE message_id = $1`,
        [m.id],
      );
      await tx.insert(ReplyDraftEntity, {
        id: randomUUID(),
        messageId: m.id,
        version: Number(max) + 1,
        text: request.text,
        organId: principal.organId ?? m.leadOrganId,
        draftedBy: principal.userId,
        draftedAt: now,
        decision: null,
        comment: null,
        reviewedBy: null,
        reviewedAt: null,
      });
      m.status = 'drafted';
      await tx.update(BoardMessageEntity, { id: m.id }, { status: 'drafted' });
      await this.audit.record(
        {
          action: 'leader-message.reply-drafted',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'board-message', id: m.id },
          divisionCode: m.divisionCode,
          details: { version: Number(max) + 1 },
        },
        tx,
      );
      return this.views.view(tx, m);
    });
  }
}
