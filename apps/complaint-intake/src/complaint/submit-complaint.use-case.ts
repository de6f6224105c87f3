import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  complaintSubmittedEvent,
  type SubmitComplaintRequest,
  type SubmitComplaintResponse,
} from '@minsheng/contracts';
import { AuditTrail, CITIZEN_ACTOR } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { PersonalData } from '@minsheng/runtime';
import { ComplaintEntity } from './complaint.entity.js';
import { ComplaintTimelineEntryEntity } from './complaint-timeline-entry.entity.js';
import { hashQueryCode, newQueryCode, newTrackingCode } from './tracking-codes.js';

/** Stores a validated complaint and its `submitted` event in one transaction. */
@Injectable()
export class SubmitComplaintUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly personalData: PersonalData,
  ) {}

  async execute(
    request: SubmitComplaintRequest,
    { ip }: { ip: string },
  ): Promise<SubmitComplaintResponse> {
    const trackingCode = newTrackingCode();
    const queryCode = newQueryCode();
    const now = new Date();
    const idNumber = this.personalData.idNumber(request.petitioner.idNumber);
    const phone = this.personalData.phone(request.petitioner.phone);
    const complaint: ComplaintEntity = {
      id: randomUUID(),
      trackingCode,
      queryCodeHash: hashQueryCode(trackingCode, queryCode),
      kind: request.kind,
      title: request.title,
      content: request.content,
      divisionCode: request.divisionCode,
      petitionerName: request.petitioner.name,
      petitionerIdNumberEncrypted: idNumber.encrypted,
      petitionerIdNumberHash: idNumber.lookupHash,
      petitionerPhoneEncrypted: phone.encrypted,
      petitionerPhoneHash: phone.lookupHash,
      status: 'submitted',
      petitionNumber: null,
      submittedAt: now,
      updatedAt: now,
    };
    await inTransaction(this.dataSource, async (tx) => {
      await tx.insert(ComplaintEntity, complaint);
      await tx.insert(ComplaintTimelineEntryEntity, {
        complaintId: complaint.id,
        status: 'submitted',
        note: '投诉已提交，等待登记',
        at: now,
      });
      await this.events.publish(
        tx,
        complaintSubmittedEvent,
        {
          complaintId: complaint.id,
          trackingCode,
          kind: complaint.kind,
          title: complaint.title,
          content: complaint.content,
          divisionCode: complaint.divisionCode,
          submittedAt: now.toISOString(),
          petitioner: {
            name: request.petitioner.name,
            idNumberEncrypted: idNumber.encrypted,
            idNumberHash: idNumber.lookupHash,
            phoneEncrypted: phone.encrypted,
            phoneHash: phone.lookupHash,
          },
        },
        { divisionCode: complaint.divisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'complaint.submitted',
          outcome: 'success',
          actor: CITIZEN_ACTOR,
          target: { type: 'complaint', id: complaint.id },
          divisionCode: complaint.divisionCode,
          ip,
          details: { trackingCode, kind: complaint.kind },
        },
        tx,
      );
    });
    return { trackingCode, queryCode };
  }
}
