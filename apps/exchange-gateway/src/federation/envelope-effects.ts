import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  childStatisticsReceivedEvent,
  complaintHandedOverEvent,
  federatedReviewReceivedEvent,
  federatedSupervisionReceivedEvent,
  forwardedCaseStatusReceivedEvent,
  type CaseStatusChangedPayload,
  type ComplaintForwardedPayload,
  type FederationEnvelope,
  type ReviewRequestedPayload,
  type StatisticsReportedPayload,
  type SupervisionOrderedPayload,
} from '@minsheng/contracts';
import { isWithinJurisdiction } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import { PoisonEnvelopeError } from './envelope-codec.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';

const sealedPetitionerSchema = z.strictObject({
  name: z.string().min(1).max(50),
  idNumber: z.string().min(1).max(32),
  phone: z.string().min(1).max(32),
});
export type SealedPetitioner = z.output<typeof sealedPetitionerSchema>;

/**
 * What an envelope does at the instance it is for, written with the transaction that also
 * records it in the inbox. Each effect is idempotent on its own key as well, so an operator's
 * replay of a dead letter that did get applied changes nothing.
 */
@Injectable()
export class EnvelopeEffects {
  constructor(
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly events: EventPublisher,
    private readonly personalData: PersonalData,
  ) {}

  /** Opens the petitioner sealed for the link from `neighbour`. */
  openPetitioner(neighbour: string, sealed: string): SealedPetitioner {
    let json: unknown;
    try {
      json = JSON.parse(this.config.keys.open(neighbour, sealed));
    } catch (error) {
      throw new PoisonEnvelopeError(
        'INVALID_PAYLOAD',
        `sealed petitioner: ${(error as Error).message}`,
      );
    }
    const parsed = sealedPetitionerSchema.safeParse(json);
    if (!parsed.success) throw new PoisonEnvelopeError('INVALID_PAYLOAD', 'sealed petitioner');
    return parsed.data;
  }

  sealPetitioner(neighbour: string, petitioner: SealedPetitioner): string {
    return this.config.keys.seal(neighbour, JSON.stringify(petitioner));
  }

  async apply(tx: EntityManager, envelope: FederationEnvelope, payload: unknown): Promise<void> {
    switch (envelope.type) {
      case 'complaint.forwarded':
        return this.complaintForwarded(tx, envelope, payload as ComplaintForwardedPayload);
      case 'case.status-changed':
        return this.statusChanged(tx, envelope, payload as CaseStatusChangedPayload);
      case 'review.requested':
        return this.reviewRequested(tx, envelope, payload as ReviewRequestedPayload);
      case 'supervision.ordered':
        return this.supervisionOrdered(tx, envelope, payload as SupervisionOrderedPayload);
      case 'statistics.reported':
        return this.statisticsReported(tx, envelope, payload as StatisticsReportedPayload);
    }
  }

  /** 转交 received: intake stores it under its source and registers it as usual. */
  private async complaintForwarded(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: ComplaintForwardedPayload,
  ): Promise<void> {
    const petitioner = this.openPetitioner(envelope.senderDivision, payload.sealedPetitioner);
    const [inserted] = await tx.query(
      `INSERT INTO "${this.config.schema}".federation_received_complaint (origin, tracking_code, envelope_id)
       VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING envelope_id`,
      [envelope.originDivision, payload.trackingCode, envelope.id],
    );
    if (!inserted) return;
    const idNumber = this.personalData.idNumber(petitioner.idNumber);
    const phone = this.personalData.phone(petitioner.phone);
    await this.events.publish(
      tx,
      complaintHandedOverEvent,
      {
        source: {
          kind: 'exchange',
          id: envelope.originDivision,
          reference: payload.trackingCode,
        },
        petitioner: {
          name: petitioner.name,
          idNumberEncrypted: idNumber.encrypted,
          idNumberHash: idNumber.lookupHash,
          phoneEncrypted: phone.encrypted,
          phoneHash: phone.lookupHash,
        },
        divisionCode: payload.divisionCode,
        kind: payload.kind,
        categoryCode: payload.categoryCode,
        title: payload.title,
        content: payload.content,
        address: payload.address,
        location: payload.location,
        replyPublicConsent: payload.replyPublicConsent,
        submittedAt: payload.submittedAt,
        trackingCode: payload.trackingCode,
      },
      { divisionCode: payload.divisionCode },
    );
  }

  /** A tier handling a complaint forwarded from here reports progress. */
  private async statusChanged(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: CaseStatusChangedPayload,
  ): Promise<void> {
    const s = this.config.schema;
    // Reports of one case may come from different petition consumers: the latest `at` wins. The
    // update locks the case's row; the history row goes with it in the same round trip.
    const [{ known }] = await tx.query(
      `WITH forwarded AS (
         UPDATE "${s}".federation_forwarded_case
            SET handling_division = $2, petition_number = COALESCE($3, petition_number),
                status = CASE WHEN status_at IS NULL OR status_at <= $5 THEN $4 ELSE status END,
                status_at = GREATEST(COALESCE(status_at, $5), $5)
          WHERE tracking_code = $1
          RETURNING tracking_code),
       history AS (
         INSERT INTO "${s}".federation_case_status (envelope_id, tracking_code, status, event, at, summary)
         SELECT $7::uuid, tracking_code, $4, $6::text, $5, $8::text FROM forwarded
         ON CONFLICT DO NOTHING)
       SELECT count(*)::int AS known FROM forwarded`,
      [
        payload.trackingCode,
        payload.handlingDivision,
        payload.petitionNumber,
        payload.status,
        payload.at,
        payload.event,
        envelope.id,
        payload.summary,
      ],
    );
    if (known === 0) {
      throw new PoisonEnvelopeError(
        'UNKNOWN_CASE',
        `no complaint ${payload.trackingCode} was forwarded from here`,
      );
    }
    await this.events.publish(tx, forwardedCaseStatusReceivedEvent, payload, {
      divisionCode: payload.handlingDivision,
    });
  }

  private async reviewRequested(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: ReviewRequestedPayload,
  ): Promise<void> {
    const [inserted] = await tx.query(
      `INSERT INTO "${this.config.schema}".federation_review_request
         (review_request_id, from_division, tracking_code, petition_number, division_code, reason, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING review_request_id`,
      [
        payload.reviewRequestId,
        envelope.originDivision,
        payload.trackingCode,
        payload.petitionNumber,
        payload.divisionCode,
        payload.reason,
        payload.requestedAt,
      ],
    );
    if (!inserted) return;
    await this.events.publish(
      tx,
      federatedReviewReceivedEvent,
      { ...payload, fromDivision: envelope.originDivision },
      { divisionCode: payload.divisionCode },
    );
  }

  private async supervisionOrdered(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: SupervisionOrderedPayload,
  ): Promise<void> {
    const [inserted] = await tx.query(
      `INSERT INTO "${this.config.schema}".federation_supervision_order
         (order_id, from_division, tracking_code, text, reply_by, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING order_id`,
      [
        payload.orderId,
        envelope.originDivision,
        payload.trackingCode,
        payload.text,
        payload.replyBy,
        payload.issuedAt,
      ],
    );
    if (!inserted) return;
    await this.events.publish(
      tx,
      federatedSupervisionReceivedEvent,
      { ...payload, fromDivision: envelope.originDivision },
      { divisionCode: this.config.topology.self },
    );
  }

  /**
   * A child's statistics roll-up: handed to our statistics service, which keeps it apart from its
   * own facts and replaces a day only with a higher revision of it (so a replay changes nothing).
   */
  private async statisticsReported(
    tx: EntityManager,
    envelope: FederationEnvelope,
    payload: StatisticsReportedPayload,
  ): Promise<void> {
    // A child reports only its own subtree; anything else in a report is left out.
    const days = payload.days.filter((d) =>
      isWithinJurisdiction(envelope.originDivision, d.divisionCode),
    );
    await this.events.publish(
      tx,
      childStatisticsReceivedEvent,
      { fromInstance: envelope.originDivision, asOf: payload.asOf, days },
      { divisionCode: this.config.topology.self },
    );
  }
}
