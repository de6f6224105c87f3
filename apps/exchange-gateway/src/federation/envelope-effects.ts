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
import { DerivedEventPublisher, EventPublisher } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import { PoisonEnvelopeError } from './envelope-codec.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { StreamUnavailableError } from './stream-unavailable.error.js';

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
    private readonly derivedEvents: DerivedEventPublisher,
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
    await this.statusesChanged(tx, [{ envelope, payload }]);
  }

  /**
   * Status reports applied together, in the order given (each case's in its sequence order), with
   * the outcome of applying them one by one: the forwarded cases and their history rows in one
   * statement, then their events published (see below). A report for a case never forwarded from
   * here throws (and its transaction must roll back) before any event is published.
   *
   * The events go straight to the stream, acknowledged before the caller commits, as the
   * forwarder passes envelopes on: each follows from its report alone, and the report stays in
   * the inbound stream until that commit, so an attempt that fails publishes the same event (its
   * id derived from the envelope's) again. Through the outbox each report cost a row written,
   * claimed, read back and marked: 40–100 µs of Postgres time per envelope at the province
   * (bench/README.md, exchange).
   */
  async statusesChanged(
    tx: EntityManager,
    reports: readonly { envelope: FederationEnvelope; payload: CaseStatusChangedPayload }[],
  ): Promise<void> {
    if (reports.length === 0) return;
    const s = this.config.schema;
    const p = reports.map((r) => r.payload);
    // Per case: the last report sets where it is handled, the last one with a petition number sets
    // that, and the latest `at` (of the reports and the stored status; the last report among equals)
    // sets the status, as reports from different petition consumers may cross. The update locks
    // the cases' rows; each report's history row goes with it in the same round trip.
    const known: { tracking_code: string }[] = await tx.query(
      `WITH report AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                              $6::timestamptz[], $7::text[], $8::text[])
           WITH ORDINALITY AS r(envelope_id, tracking_code, handling_division, petition_number,
                                status, at, event, summary, n)),
       latest AS (
         SELECT DISTINCT ON (tracking_code) tracking_code, handling_division
           FROM report ORDER BY tracking_code, n DESC),
       numbered AS (
         SELECT DISTINCT ON (tracking_code) tracking_code, petition_number
           FROM report WHERE petition_number IS NOT NULL ORDER BY tracking_code, n DESC),
       newest AS (
         SELECT DISTINCT ON (tracking_code) tracking_code, status, at
           FROM report ORDER BY tracking_code, at DESC, n DESC),
       forwarded AS (
         UPDATE "${s}".federation_forwarded_case f
            SET handling_division = latest.handling_division,
                petition_number = COALESCE(numbered.petition_number, f.petition_number),
                status = CASE WHEN f.status_at IS NULL OR f.status_at <= newest.at
                              THEN newest.status ELSE f.status END,
                status_at = GREATEST(COALESCE(f.status_at, newest.at), newest.at)
           FROM latest JOIN newest USING (tracking_code) LEFT JOIN numbered USING (tracking_code)
          WHERE f.tracking_code = latest.tracking_code
          RETURNING f.tracking_code),
       history AS (
         INSERT INTO "${s}".federation_case_status (envelope_id, tracking_code, status, event, at, summary)
         SELECT envelope_id, tracking_code, status, event, at, summary FROM report
          WHERE tracking_code IN (SELECT tracking_code FROM forwarded) ORDER BY n
         ON CONFLICT DO NOTHING)
       SELECT tracking_code FROM forwarded`,
      [
        reports.map((r) => r.envelope.id),
        p.map((r) => r.trackingCode),
        p.map((r) => r.handlingDivision),
        p.map((r) => r.petitionNumber),
        p.map((r) => r.status),
        p.map((r) => r.at),
        p.map((r) => r.event),
        p.map((r) => r.summary),
      ],
    );
    const found = new Set(known.map((r) => r.tracking_code));
    const unknown = p.find((r) => !found.has(r.trackingCode));
    if (unknown) {
      throw new PoisonEnvelopeError(
        'UNKNOWN_CASE',
        `no complaint ${unknown.trackingCode} was forwarded from here`,
      );
    }
    try {
      await this.derivedEvents.publishAll(
        forwardedCaseStatusReceivedEvent,
        reports.map(({ envelope, payload }) => ({
          causeId: envelope.id,
          data: payload,
          options: { divisionCode: payload.handlingDivision },
        })),
      );
    } catch (error) {
      if (error instanceof z.ZodError) {
        throw new PoisonEnvelopeError('INVALID_PAYLOAD', `status report: ${error.message}`);
      }
      throw new StreamUnavailableError(error);
    }
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
