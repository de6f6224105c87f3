import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LeaderMessageResponse } from '@minsheng/contracts';
import { PersonalData } from '@minsheng/runtime';
import type { BoardMessageEntity } from './board-message.entity.js';
import { toMessageResponse } from './message.mapper.js';
import { ReplyDraftEntity } from './reply-draft.entity.js';

/** The staff view of a message: drafts in order, the citizen's contact masked. */
@Injectable()
export class MessageViews {
  constructor(private readonly personalData: PersonalData) {}

  async view(tx: EntityManager, m: BoardMessageEntity): Promise<LeaderMessageResponse> {
    const drafts = await tx.find(ReplyDraftEntity, {
      where: { messageId: m.id },
      order: { version: 'ASC' },
    });
    const phone = m.contactPhoneEncrypted
      ? this.personalData.reveal(m.contactPhoneEncrypted)
      : null;
    return toMessageResponse(m, drafts, phone);
  }
}
