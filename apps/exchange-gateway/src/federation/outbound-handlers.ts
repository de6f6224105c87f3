import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  caseAcceptedEvent,
  caseAssignedEvent,
  caseConcludedEvent,
  caseDeclinedEvent,
  caseRegisteredEvent,
  caseRepliedEvent,
  caseTransferredEvent,
  complaintRoutedEvent,
  complaintSubmittedEvent,
  reviewRequestedEvent,
  type CaseStatusChangedPayload,
  type ComplaintForwardedPayload,
  type EventData,
  type EventEnvelope,
  type ReviewRequestedPayload,
} from '@minsheng/contracts';
import { parentDivisionCode } from '@minsheng/domain';
import { OnEvent } from '@minsheng/messaging';
import { PersonalData } from '@minsheng/runtime';
import { EnvelopeEffects } from './envelope-effects.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { FederationOutbox } from './federation-outbox.js';

// How long a case event may wait for the hand-over it belongs to be matched to its complaint.
const MATCH_WINDOW_MS = 10 * 60_000;

interface StatusChange {
  sourceComplaintId: string | null;
  divisionCode: string;
  petitionNumber: string;
  status: string;
  at: string;
  summary: string | null;
}

/**
 * What this instance sends to its neighbours, each reaction exactly once (@OnEvent's inbox): a
 * complaint intake routed to another tier, the progress of cases that came from another tier,
 * and review requests for the next-higher tier.
 */
@Injectable()
export class OutboundHandlers {
  private readonly logger = new Logger(OutboundHandlers.name);

  constructor(
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly outbox: FederationOutbox,
    private readonly effects: EnvelopeEffects,
    private readonly personalData: PersonalData,
  ) {}

  private get s(): string {
    return `"${this.config.schema}"`;
  }

  /** 属地: intake holds a complaint another instance handles; hand it to the exchange. */
  @OnEvent(complaintRoutedEvent)
  async forwardComplaint(
    event: EventEnvelope<EventData<typeof complaintRoutedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const c = event.data;
    // The petitioner's data leaves this instance's field keys only sealed for the link.
    const petitioner = {
      name: c.petitioner.name,
      idNumber: this.personalData.reveal(c.petitioner.idNumberEncrypted),
      phone: this.personalData.reveal(c.petitioner.phoneEncrypted),
    };
    const envelope = await this.outbox.send(tx, {
      type: 'complaint.forwarded',
      recipient: c.divisionCode,
      caseKey: c.trackingCode,
      payload: (neighbour) =>
        ({
          trackingCode: c.trackingCode,
          kind: c.kind,
          categoryCode: c.categoryCode,
          title: c.title,
          content: c.content,
          divisionCode: c.divisionCode,
          address: c.address,
          location: c.location,
          replyPublicConsent: c.replyPublicConsent,
          submittedAt: c.submittedAt,
          sealedPetitioner: this.effects.sealPetitioner(neighbour, petitioner),
        }) satisfies ComplaintForwardedPayload,
    });
    await tx.query(
      `INSERT INTO ${this.s}.federation_forwarded_case (tracking_code, recipient, envelope_id, forwarded_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [c.trackingCode, c.divisionCode, envelope.id, envelope.createdAt],
    );
  }

  /** Intake stored a complaint the exchange handed over: learn its id for the status reports. */
  @OnEvent(complaintSubmittedEvent)
  async matchHandedOver(
    event: EventEnvelope<EventData<typeof complaintSubmittedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const source = event.data.source;
    if (source?.kind !== 'exchange') return;
    const complaintId = event.data.complaintId;
    await this.lockComplaint(tx, complaintId);
    // (A CTE, so TypeORM returns the rows themselves for these UPDATE/DELETE … RETURNING.)
    const [matched] = await tx.query(
      `WITH m AS (UPDATE ${this.s}.federation_received_complaint SET complaint_id = $3
         WHERE origin = $1 AND tracking_code = $2 AND complaint_id IS NULL
         RETURNING origin, tracking_code) SELECT * FROM m`,
      [source.id, source.reference, complaintId],
    );
    if (!matched) return;
    // Progress that came before the match is sent now, in the order it happened.
    const pending: Array<{ event: string; change: StatusChange }> = await tx.query(
      `WITH d AS (DELETE FROM ${this.s}.federation_pending_report WHERE source_complaint_id = $1
         RETURNING seq, event, change) SELECT event, change FROM d ORDER BY seq`,
      [complaintId],
    );
    for (const report of pending) await this.send(tx, matched, report.event, report.change);
  }

  @OnEvent(caseRegisteredEvent)
  async registered(
    event: EventEnvelope<EventData<typeof caseRegisteredEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const d = event.data;
    await this.count(tx, d.divisionCode, 'registered');
    await this.report(tx, 'petition.case.registered', {
      sourceComplaintId: d.sourceComplaintId,
      divisionCode: d.divisionCode,
      petitionNumber: d.petitionNumber,
      status: d.status,
      at: d.registeredAt,
      summary: null,
    });
  }

  @OnEvent(caseTransferredEvent)
  transferred(event: EventEnvelope<EventData<typeof caseTransferredEvent>>, tx: EntityManager) {
    return this.report(tx, caseTransferredEvent.subject, { ...event.data, summary: null });
  }

  @OnEvent(caseAssignedEvent)
  assigned(event: EventEnvelope<EventData<typeof caseAssignedEvent>>, tx: EntityManager) {
    return this.report(tx, caseAssignedEvent.subject, { ...event.data, summary: null });
  }

  @OnEvent(caseAcceptedEvent)
  accepted(event: EventEnvelope<EventData<typeof caseAcceptedEvent>>, tx: EntityManager) {
    return this.report(tx, caseAcceptedEvent.subject, { ...event.data, summary: null });
  }

  @OnEvent(caseDeclinedEvent)
  declined(event: EventEnvelope<EventData<typeof caseDeclinedEvent>>, tx: EntityManager) {
    return this.report(tx, caseDeclinedEvent.subject, {
      ...event.data,
      summary: event.data.reason,
    });
  }

  @OnEvent(caseRepliedEvent)
  replied(event: EventEnvelope<EventData<typeof caseRepliedEvent>>, tx: EntityManager) {
    return this.report(tx, caseRepliedEvent.subject, {
      ...event.data,
      summary: event.data.summary,
    });
  }

  @OnEvent(caseConcludedEvent)
  async concluded(
    event: EventEnvelope<EventData<typeof caseConcludedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    await this.count(tx, event.data.divisionCode, 'concluded');
    await this.report(tx, caseConcludedEvent.subject, {
      ...event.data,
      summary: event.data.summary,
    });
  }

  /**
   * 复查 is for the organ one level above the one that replied, i.e. above the complaint's
   * division: the parent for a case handled here, the city for a complaint this province
   * forwarded to one of its counties. When that level is this instance, petition takes it up here.
   */
  @OnEvent(reviewRequestedEvent)
  async reviewRequested(
    event: EventEnvelope<EventData<typeof reviewRequestedEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const d = event.data;
    const reviewer = parentDivisionCode(d.divisionCode);
    const { topology } = this.config;
    if (!reviewer || topology.nextHop(reviewer) === topology.self || !topology.nextHop(reviewer)) {
      return;
    }
    await this.outbox.send(tx, {
      type: 'review.requested',
      recipient: reviewer,
      caseKey: `review:${d.trackingCode}`,
      payload: () =>
        ({
          reviewRequestId: d.reviewRequestId,
          trackingCode: d.trackingCode,
          petitionNumber: d.petitionNumber,
          divisionCode: d.divisionCode,
          reason: d.reason,
          repliedAt: d.repliedAt,
          requestedAt: d.requestedAt,
        }) satisfies ReviewRequestedPayload,
    });
  }

  /** Sends a case's progress to the tier its complaint came from, if it came from one. */
  private async report(tx: EntityManager, eventName: string, change: StatusChange) {
    if (!change.sourceComplaintId) return;
    // Serialised with matchHandedOver of the same complaint: a report either sees the match or
    // is kept where the match will find it.
    await this.lockComplaint(tx, change.sourceComplaintId);
    const [received] = await tx.query(
      `SELECT origin, tracking_code FROM ${this.s}.federation_received_complaint WHERE complaint_id = $1`,
      [change.sourceComplaintId],
    );
    if (!received) {
      const [unmatched] = await tx.query(
        `SELECT 1 FROM ${this.s}.federation_received_complaint
          WHERE complaint_id IS NULL AND received_at > now() - make_interval(secs => $1)`,
        [MATCH_WINDOW_MS / 1_000],
      );
      // A hand-over not yet matched may be this case's (the match comes by another consumer,
      // which may lag behind after a restart): keep the report for the match to send. Reports
      // of local cases kept meanwhile are dropped once the window has passed.
      if (unmatched) {
        await tx.query(
          `DELETE FROM ${this.s}.federation_pending_report
            WHERE created_at < now() - make_interval(secs => $1)`,
          [MATCH_WINDOW_MS / 1_000],
        );
        await tx.query(
          `INSERT INTO ${this.s}.federation_pending_report (source_complaint_id, event, change)
           VALUES ($1, $2, $3)`,
          [change.sourceComplaintId, eventName, JSON.stringify(change)],
        );
      }
      return;
    }
    await this.send(tx, received, eventName, change);
  }

  private lockComplaint(tx: EntityManager, complaintId: string) {
    return tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `federation-match:${this.config.schema}:${complaintId}`,
    ]);
  }

  private async send(
    tx: EntityManager,
    received: { origin: string; tracking_code: string },
    eventName: string,
    change: StatusChange,
  ) {
    const origin = String(received.origin).trim();
    await this.outbox.send(tx, {
      type: 'case.status-changed',
      recipient: origin,
      caseKey: received.tracking_code,
      payload: () =>
        ({
          trackingCode: received.tracking_code,
          handlingDivision: change.divisionCode,
          petitionNumber: change.petitionNumber,
          status: change.status,
          event: eventName,
          at: change.at,
          summary: change.summary,
        }) satisfies CaseStatusChangedPayload,
    });
  }

  private async count(tx: EntityManager, divisionCode: string, column: 'registered' | 'concluded') {
    await tx.query(
      `INSERT INTO ${this.s}.federation_case_count (division_code, ${column}) VALUES ($1, 1)
       ON CONFLICT (division_code) DO UPDATE SET ${column} = federation_case_count.${column} + 1`,
      [divisionCode],
    );
  }
}
