import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { complaintHandedOverEvent, type EventData, type EventEnvelope } from '@minsheng/contracts';
import { FieldCipher } from '@minsheng/crypto';
import { OnEvent } from '@minsheng/messaging';
import { WriteBatch } from '@minsheng/persistence';
import { ComplaintCategoryEntity } from '../category/complaint-category.entity.js';
import { ComplaintAnnouncement } from './complaint-announcement.js';
import { ComplaintEntity } from './complaint.entity.js';
import { Jurisdiction } from './jurisdiction.js';
import { hashQueryCode, newQueryCode, newTrackingCode } from './tracking-codes.js';

/** 其他事项: where a hand-over's category is not one of this instance's. */
const FALLBACK_CATEGORY = '9901';

type HandOver = EventData<typeof complaintHandedOverEvent>;

/**
 * Takes in a complaint the exchange handed over, exactly once: the inbox guards against a
 * redelivered event, the unique source triple against the same complaint sent again in a new
 * event. It is then routed like any other — registered here, or passed on down the tiers.
 */
@Injectable()
export class ComplaintHandOverHandler {
  private readonly logger = new Logger(ComplaintHandOverHandler.name);

  constructor(
    private readonly cipher: FieldCipher,
    private readonly jurisdiction: Jurisdiction,
    private readonly announcement: ComplaintAnnouncement,
  ) {}

  @OnEvent(complaintHandedOverEvent)
  async handle(event: EventEnvelope<HandOver>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const existing = await tx.findOne(ComplaintEntity, {
      where: {
        sourceKind: d.source.kind,
        sourceId: d.source.id,
        sourceReference: d.source.reference,
      },
    });
    if (existing) {
      this.logger.warn(
        { source: `${d.source.kind}:${d.source.id}`, complaintId: existing.id },
        'complaint already handed over; ignored',
      );
      return;
    }
    // Ciphertext under another instance's keys would be stored unreadable: refuse it (the
    // consumer retries, then dead-letters it with this reason for an operator).
    this.cipher.decrypt(d.petitioner.idNumberEncrypted);
    this.cipher.decrypt(d.petitioner.phoneEncrypted);

    const category = await tx.findOne(ComplaintCategoryEntity, { where: { code: d.categoryCode } });
    const trackingCode =
      d.trackingCode &&
      !(await tx.exists(ComplaintEntity, { where: { trackingCode: d.trackingCode } }))
        ? d.trackingCode
        : newTrackingCode();
    const routing = this.jurisdiction.route(d.divisionCode);
    const now = new Date();
    const complaint: ComplaintEntity = {
      id: randomUUID(),
      trackingCode,
      // The sender tracks it (the citizen at the instance they used, an integrator by its own
      // reference): a query code no one is told keeps the public lookup closed here.
      queryCodeHash: hashQueryCode(trackingCode, newQueryCode()),
      kind: d.kind,
      categoryCode: category ? category.code : FALLBACK_CATEGORY,
      title: d.title,
      content: d.content,
      divisionCode: d.divisionCode,
      address: d.address,
      locationLat: d.location?.lat ?? null,
      locationLng: d.location?.lng ?? null,
      replyPublicConsent: d.replyPublicConsent,
      petitionerName: d.petitioner.name,
      petitionerIdNumberEncrypted: d.petitioner.idNumberEncrypted,
      petitionerIdNumberHash: d.petitioner.idNumberHash,
      petitionerPhoneEncrypted: d.petitioner.phoneEncrypted,
      petitionerPhoneHash: d.petitioner.phoneHash,
      status: routing.handledHere ? 'submitted' : 'awaiting-exchange',
      routedToDivision: routing.handledHere ? null : routing.targetDivisionCode,
      routingReason: routing.handledHere ? null : routing.reason,
      idempotencyKeyHash: null,
      petitionNumber: null,
      submittedAt: new Date(d.submittedAt),
      repliedAt: null,
      concludedAt: null,
      updatedAt: now,
      sourceKind: d.source.kind,
      sourceId: d.source.id,
      sourceReference: d.source.reference,
      channel: 'online',
      addressee: null,
    };
    const writes = new WriteBatch().insert(tx, ComplaintEntity, complaint);
    this.announcement.announce(writes, {
      complaint,
      attachments: [],
      routing,
      actor: { id: `${d.source.kind}:${d.source.id}`, roles: [], divisionCode: null },
      ip: null,
      source: d.source,
    });
    await writes.run(tx);
  }
}
