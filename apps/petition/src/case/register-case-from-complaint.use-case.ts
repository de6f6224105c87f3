import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  caseRegisteredEvent,
  complaintSubmittedEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { AuditTrail, SYSTEM_ACTOR } from '@minsheng/audit';
import { EventPublisher, OnEvent } from '@minsheng/messaging';
import { PetitionCaseEntity } from './petition-case.entity.js';
import { allocatePetitionNumber } from './petition-number.js';

/** 登记: every complaint submitted online becomes a numbered petition case. */
@Injectable()
export class RegisterCaseFromComplaintUseCase {
  constructor(
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
  ) {}

  @OnEvent(complaintSubmittedEvent)
  async handle(
    event: EventEnvelope<EventData<typeof complaintSubmittedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const complaint = event.data;
    const registeredAt = new Date();
    const petitionCase: PetitionCaseEntity = {
      id: randomUUID(),
      petitionNumber: await allocatePetitionNumber(tx, complaint.divisionCode, registeredAt),
      sourceComplaintId: complaint.complaintId,
      kind: complaint.kind,
      channel: 'online',
      title: complaint.title,
      content: complaint.content,
      divisionCode: complaint.divisionCode,
      petitionerName: complaint.petitioner.name,
      petitionerIdNumberEncrypted: complaint.petitioner.idNumberEncrypted,
      petitionerIdNumberHash: complaint.petitioner.idNumberHash,
      petitionerPhoneEncrypted: complaint.petitioner.phoneEncrypted,
      petitionerPhoneHash: complaint.petitioner.phoneHash,
      status: 'registered',
      registeredAt,
    };
    await tx.insert(PetitionCaseEntity, petitionCase);
    await this.events.publish(
      tx,
      caseRegisteredEvent,
      {
        caseId: petitionCase.id,
        petitionNumber: petitionCase.petitionNumber,
        sourceComplaintId: petitionCase.sourceComplaintId,
        kind: petitionCase.kind,
        channel: petitionCase.channel,
        divisionCode: petitionCase.divisionCode,
        registeredAt: registeredAt.toISOString(),
      },
      { divisionCode: petitionCase.divisionCode, occurredAt: registeredAt },
    );
    await this.audit.record(
      {
        action: 'case.registered',
        outcome: 'success',
        actor: SYSTEM_ACTOR,
        target: { type: 'petition-case', id: petitionCase.id },
        divisionCode: petitionCase.divisionCode,
        details: {
          petitionNumber: petitionCase.petitionNumber,
          sourceComplaintId: complaint.complaintId,
        },
      },
      tx,
    );
  }
}
