import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { complaintSubmittedEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { SYSTEM_ACTOR } from '@minsheng/audit';
import { OnEvent } from '@minsheng/messaging';
import { OrganDirectory } from '../organ/organ-directory.js';
import { CaseRegistrar } from './case-registrar.js';

/** 登记: every complaint submitted online becomes a numbered petition case. */
@Injectable()
export class RegisterCaseFromComplaintUseCase {
  constructor(
    private readonly registrar: CaseRegistrar,
    private readonly organs: OrganDirectory,
  ) {}

  @OnEvent(complaintSubmittedEvent)
  async handle(
    event: EventEnvelope<EventData<typeof complaintSubmittedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const complaint = event.data;
    const office = await this.organs.registeringOfficeFor(complaint.divisionCode, tx);
    await this.registrar.register(tx, {
      sourceComplaintId: complaint.complaintId,
      kind: complaint.kind,
      channel: 'online',
      categoryCode: complaint.categoryCode,
      title: complaint.title,
      content: complaint.content,
      address: complaint.address,
      attachments: complaint.attachments,
      replyPublicConsent: complaint.replyPublicConsent,
      divisionCode: complaint.divisionCode,
      registeringOrganId: office,
      petitioner: complaint.petitioner,
      actor: { kind: 'system' },
      auditActor: SYSTEM_ACTOR,
      correlationId: event.correlationId,
    });
  }
}
