import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { LeaderMessageResponse } from '@minsheng/contracts';
import { PersonalData } from '@minsheng/runtime';
import type { BoardMessageEntity } from './board-message.entity.js';
import { ExtensionRequestEntity } from './extension-request.entity.js';
import { toMessageResponse } from './message.mapper.js';
import { OrganInputEntity } from './organ-input.entity.js';
import { ReplyDraftEntity } from './reply-draft.entity.js';

/** The staff view of a message: drafts, inputs and extension requests in order, contact masked. */
@Injectable()
export class MessageViews {
  constructor(private readonly personalData: PersonalData) {}

  async view(tx: EntityManager, m: BoardMessageEntity): Promise<LeaderMessageResponse> {
    // One after another: inside a transaction they share one connection.
    const drafts = await tx.find(ReplyDraftEntity, {
      where: { messageId: m.id },
      order: { version: 'ASC' },
    });
    const inputs = await tx.find(OrganInputEntity, {
      where: { messageId: m.id },
      order: { givenAt: 'ASC' },
    });
    const extensions = await tx.find(ExtensionRequestEntity, {
      where: { messageId: m.id },
      order: { requestedAt: 'ASC' },
    });
    const phone = m.contactPhoneEncrypted
      ? this.personalData.reveal(m.contactPhoneEncrypted)
      : null;
    return toMessageResponse(m, { drafts, inputs, extensions }, phone);
  }

  /** Several messages in three queries (a board's new messages when browsed). */
  async viewMany(
    tx: EntityManager,
    messages: BoardMessageEntity[],
  ): Promise<LeaderMessageResponse[]> {
    if (messages.length === 0) return [];
    const where = { messageId: In(messages.map((m) => m.id)) };
    const drafts = await tx.find(ReplyDraftEntity, { where, order: { version: 'ASC' } });
    const inputs = await tx.find(OrganInputEntity, { where, order: { givenAt: 'ASC' } });
    const extensions = await tx.find(ExtensionRequestEntity, {
      where,
      order: { requestedAt: 'ASC' },
    });
    const of = <T extends { messageId: string }>(rows: T[], id: string) =>
      rows.filter((r) => r.messageId === id);
    return messages.map((m) =>
      toMessageResponse(
        m,
        {
          drafts: of(drafts, m.id),
          inputs: of(inputs, m.id),
          extensions: of(extensions, m.id),
        },
        m.contactPhoneEncrypted ? this.personalData.reveal(m.contactPhoneEncrypted) : null,
      ),
    );
  }
}
