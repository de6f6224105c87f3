import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  leaderMessageConvertedToCaseEvent,
  type ComplaintKind,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { SYSTEM_ACTOR } from '@minsheng/audit';
import { FieldCipher } from '@minsheng/crypto';
import { OnEvent } from '@minsheng/messaging';
import { PersonalData, type ProtectedValue } from '@minsheng/runtime';
import { OrganDirectory } from '../organ/organ-directory.js';
import { CaseRegistrar } from './case-registrar.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

/** The board's message type in words (建议, 投诉, 举报, 求助 …) as a petition kind. */
export function kindOfMessageType(type: string): ComplaintKind {
  if (type.includes('建议')) return 'suggestion';
  if (/举报|检举|控告/.test(type)) return 'accusation';
  return 'appeal';
}

/**
 * 留言转办: a leader's message-board post converted to a petition case is registered like any
 * other (same registrar, same rules), with channel `message-board` and the message's id, so
 * leader-message can match `petition.case.registered` back to it. One case per message.
 */
@Injectable()
export class RegisterCaseFromMessageUseCase {
  private readonly logger = new Logger(RegisterCaseFromMessageUseCase.name);

  constructor(
    private readonly registrar: CaseRegistrar,
    private readonly organs: OrganDirectory,
    private readonly personalData: PersonalData,
    private readonly cipher: FieldCipher,
  ) {}

  @OnEvent(leaderMessageConvertedToCaseEvent)
  async handle(
    event: EventEnvelope<EventData<typeof leaderMessageConvertedToCaseEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const message = event.data;
    if (await tx.existsBy(PetitionCaseEntity, { sourceMessageId: message.messageId })) {
      this.logger.log({ messageId: message.messageId }, 'message already registered: ignored');
      return;
    }
    const office = await this.organs.registeringOfficeFor(message.divisionCode, tx);
    // A board gives no ID number: keep an empty one, and a lookup hash of the message's own (no
    // real ID number hashes to it) so repeat detection does not link strangers' messages.
    const phone = this.phoneOf(message);
    await this.registrar.register(tx, {
      sourceComplaintId: null,
      sourceMessageId: message.messageId,
      kind: kindOfMessageType(message.type),
      channel: 'message-board',
      categoryCode: null,
      title: message.title,
      content: message.content,
      address: null,
      attachments: [],
      replyPublicConsent: false,
      divisionCode: message.divisionCode,
      registeringOrganId: office,
      petitioner: {
        name: message.authorName,
        idNumberEncrypted: this.cipher.encrypt(''),
        idNumberHash: this.personalData.idNumberHash(`message:${message.messageId}`),
        phoneEncrypted: phone.encrypted,
        phoneHash: phone.lookupHash,
      },
      actor: { kind: 'system' },
      auditActor: SYSTEM_ACTOR,
      correlationId: event.correlationId,
    });
  }

  /** The contact phone, re-protected with this service's hash; unknown when absent or unreadable. */
  private phoneOf(message: EventData<typeof leaderMessageConvertedToCaseEvent>): ProtectedValue {
    const unknown = (): ProtectedValue => ({
      encrypted: this.cipher.encrypt(''),
      lookupHash: this.personalData.phoneHash(`message:${message.messageId}`),
    });
    if (!message.contactPhoneEncrypted) return unknown();
    try {
      return this.personalData.phone(this.personalData.reveal(message.contactPhoneEncrypted));
    } catch {
      this.logger.warn(
        { messageId: message.messageId },
        'contact phone of the message cannot be decrypted: registered without it',
      );
      return unknown();
    }
  }
}
