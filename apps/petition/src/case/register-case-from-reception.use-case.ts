import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  receptionCaseRequestedEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { SYSTEM_ACTOR } from '@minsheng/audit';
import { OnEvent } from '@minsheng/messaging';
import { OrganDirectory } from '../organ/organ-directory.js';
import { CaseRegistrar } from './case-registrar.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

/**
 * 转为信访事项: the matter a petitioner raised at a video reception, which the official turned
 * into a new case, is registered like any other (same registrar, same rules) with channel
 * `video` and the record's id — one case per record, so video-reception can match
 * `petition.case.registered` back to it.
 */
@Injectable()
export class RegisterCaseFromReceptionUseCase {
  private readonly logger = new Logger(RegisterCaseFromReceptionUseCase.name);

  constructor(
    private readonly registrar: CaseRegistrar,
    private readonly organs: OrganDirectory,
  ) {}

  @OnEvent(receptionCaseRequestedEvent)
  async handle(
    event: EventEnvelope<EventData<typeof receptionCaseRequestedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const reception = event.data;
    if (await tx.existsBy(PetitionCaseEntity, { sourceReceptionRecordId: reception.recordId })) {
      this.logger.log({ recordId: reception.recordId }, 'reception already registered: ignored');
      return;
    }
    await this.registrar.register(tx, {
      sourceComplaintId: null,
      sourceReceptionRecordId: reception.recordId,
      kind: reception.kind,
      channel: 'video',
      categoryCode: null,
      title: reception.title,
      content: reception.content,
      address: null,
      attachments: [],
      replyPublicConsent: false,
      divisionCode: reception.divisionCode,
      registeringOrganId: await this.organs.registeringOfficeFor(reception.divisionCode, tx),
      petitioner: reception.petitioner,
      actor: { kind: 'system' },
      auditActor: SYSTEM_ACTOR,
      correlationId: event.correlationId,
    });
  }
}
