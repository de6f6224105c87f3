import { Injectable } from '@nestjs/common';
import {
  complaintRoutedEvent,
  complaintSubmittedEvent,
  type ComplaintSourceRef,
  type EventData,
} from '@minsheng/contracts';
import { AuditTrail, type AuditActor } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import type { WriteBatch } from '@minsheng/persistence';
import { ComplaintTimeline } from '../tracking/complaint-timeline.js';
import type { ComplaintAttachmentEntity } from '../attachment/attachment.entity.js';
import type { ComplaintEntity } from './complaint.entity.js';
import { Jurisdiction, type Routing } from './jurisdiction.js';

export interface Announcement {
  complaint: ComplaintEntity;
  attachments: ComplaintAttachmentEntity[];
  routing: Routing;
  actor: AuditActor;
  ip: string | null;
  source: ComplaintSourceRef | null;
}

/**
 * What follows storing a complaint, whichever door it came in by: its first timeline step, the
 * event that hands it to petition (or to the exchange, when another instance handles it) and the
 * audit record — staged with the complaint's own writes, so either everything is announced or
 * nothing.
 */
@Injectable()
export class ComplaintAnnouncement {
  constructor(
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly timeline: ComplaintTimeline,
    private readonly jurisdiction: Jurisdiction,
  ) {}

  announce(writes: WriteBatch, a: Announcement): void {
    const { complaint, routing } = a;
    const at = complaint.submittedAt;
    const payload: EventData<typeof complaintSubmittedEvent> = {
      complaintId: complaint.id,
      trackingCode: complaint.trackingCode,
      kind: complaint.kind,
      categoryCode: complaint.categoryCode ?? '',
      title: complaint.title,
      content: complaint.content,
      divisionCode: complaint.divisionCode,
      address: complaint.address,
      location:
        complaint.locationLat === null || complaint.locationLng === null
          ? null
          : { lat: complaint.locationLat, lng: complaint.locationLng },
      replyPublicConsent: complaint.replyPublicConsent,
      attachments: a.attachments.map(({ id, fileName, contentType, sizeBytes, sha256 }) => ({
        id,
        fileName,
        contentType,
        sizeBytes,
        sha256,
      })),
      submittedAt: at.toISOString(),
      source: a.source,
      ...(complaint.channel === 'leader-mailbox'
        ? { channel: complaint.channel, addressee: complaint.addressee }
        : {}),
      petitioner: {
        name: complaint.petitionerName,
        idNumberEncrypted: complaint.petitionerIdNumberEncrypted,
        idNumberHash: complaint.petitionerIdNumberHash,
        phoneEncrypted: complaint.petitionerPhoneEncrypted,
        phoneHash: complaint.petitionerPhoneHash,
      },
    };
    const now = new Date();
    if (routing.handledHere) {
      this.timeline.stage(writes, {
        complaintId: complaint.id,
        step: 'submitted',
        status: 'submitted',
        note: '投诉已提交，等待登记',
        at: now,
      });
      this.events.stage(writes, complaintSubmittedEvent, payload, {
        divisionCode: complaint.divisionCode,
        occurredAt: now,
      });
    } else {
      this.timeline.stage(writes, {
        complaintId: complaint.id,
        step: 'routed',
        status: 'awaiting-exchange',
        note: Jurisdiction.routedNote(complaint.divisionCode, routing.targetDivisionCode),
        at: now,
      });
      this.events.stage(
        writes,
        complaintRoutedEvent,
        {
          ...payload,
          targetDivisionCode: routing.targetDivisionCode,
          reason: routing.reason,
          fromDivisionCode: this.jurisdiction.instanceDivision,
          routedAt: now.toISOString(),
        },
        { divisionCode: complaint.divisionCode, occurredAt: now },
      );
    }
    this.audit.stage(writes, {
      action: routing.handledHere ? 'complaint.submitted' : 'complaint.routed',
      outcome: 'success',
      actor: a.actor,
      target: { type: 'complaint', id: complaint.id },
      divisionCode: complaint.divisionCode,
      ip: a.ip,
      details: {
        trackingCode: complaint.trackingCode,
        kind: complaint.kind,
        categoryCode: complaint.categoryCode,
        attachments: a.attachments.length,
        ...(complaint.addressee ? { addressee: complaint.addressee.mailboxId } : {}),
        ...(a.source ? { source: `${a.source.kind}:${a.source.id}` } : {}),
        ...(routing.handledHere ? {} : { routedTo: routing.targetDivisionCode }),
      },
    });
  }
}
