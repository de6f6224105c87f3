import { Injectable, type Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CASE_WORKFLOW_EVENTS,
  caseRegisteredEvent,
  type CaseChange,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { ComplaintSubmissionEntity } from '../integrator/complaint-submission.entity.js';
import { ChangeRecorder } from './change-recorder.js';
import { TrackedCaseEntity } from './tracked-case.entity.js';

/** What the read model takes from any petition case event. */
interface CaseFacts {
  caseId: string;
  petitionNumber: string;
  complaintId: string | null;
  divisionCode: string;
  status: string;
  previousStatus: string | null;
  at: Date;
  registeredAt: Date | null;
  categoryCode: string | null;
  leadOrganId: string | null;
  currentDeadline: { kind: string; dueAt: string } | null;
}

function factsOfChange(data: CaseChange): CaseFacts {
  return {
    caseId: data.caseId,
    petitionNumber: data.petitionNumber,
    complaintId: data.sourceComplaintId,
    divisionCode: data.divisionCode,
    status: data.status,
    previousStatus: data.previousStatus,
    at: new Date(data.at),
    registeredAt: null,
    categoryCode: null,
    leadOrganId: data.leadOrganId,
    currentDeadline: data.currentDeadline
      ? { kind: data.currentDeadline.kind, dueAt: data.currentDeadline.dueAt }
      : null,
  };
}

function factsOfRegistration(data: EventData<typeof caseRegisteredEvent>): CaseFacts {
  const at = new Date(data.registeredAt);
  return {
    caseId: data.caseId,
    petitionNumber: data.petitionNumber,
    complaintId: data.sourceComplaintId,
    divisionCode: data.divisionCode,
    status: data.status,
    previousStatus: null,
    at,
    registeredAt: at,
    categoryCode: data.categoryCode,
    leadOrganId: null,
    currentDeadline: data.deadlines ? { kind: 'routeBy', dueAt: data.deadlines.routeBy } : null,
  };
}

/**
 * Applies one petition case event to the read model and the change feed. Each event type has its
 * own consumer, so they can arrive out of order: the case's status follows the latest `at`, and
 * the feed records each event once, as it arrives.
 */
@Injectable()
export class CaseEventApplier {
  constructor(private readonly changes: ChangeRecorder) {}

  async apply(tx: EntityManager, eventId: string, type: string, facts: CaseFacts): Promise<void> {
    const existing = await tx.findOne(TrackedCaseEntity, {
      where: { caseId: facts.caseId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!existing) {
      await tx.insert(TrackedCaseEntity, {
        caseId: facts.caseId,
        petitionNumber: facts.petitionNumber,
        complaintId: facts.complaintId,
        divisionCode: facts.divisionCode,
        status: facts.status,
        leadOrganId: facts.leadOrganId,
        registeredAt: facts.registeredAt,
        updatedAt: facts.at,
      });
    } else {
      const newer = facts.at >= existing.updatedAt;
      await tx.update(
        TrackedCaseEntity,
        { caseId: facts.caseId },
        {
          ...(newer
            ? { status: facts.status, leadOrganId: facts.leadOrganId, updatedAt: facts.at }
            : {}),
          ...(facts.registeredAt ? { registeredAt: facts.registeredAt } : {}),
          complaintId: existing.complaintId ?? facts.complaintId,
        },
      );
    }
    const submission = facts.complaintId
      ? await tx.findOne(ComplaintSubmissionEntity, { where: { complaintId: facts.complaintId } })
      : null;
    if (submission && !submission.caseId) {
      await tx.update(
        ComplaintSubmissionEntity,
        { reference: submission.reference },
        { caseId: facts.caseId, petitionNumber: facts.petitionNumber, updatedAt: new Date() },
      );
    }
    await this.changes.record(tx, {
      eventId,
      type,
      occurredAt: facts.at,
      divisionCode: facts.divisionCode,
      complaintId: facts.complaintId,
      caseId: facts.caseId,
      trackingCode: submission?.trackingCode ?? null,
      petitionNumber: facts.petitionNumber,
      status: facts.status,
      previousStatus: facts.previousStatus,
      categoryCode: facts.categoryCode ?? submission?.categoryCode ?? null,
      leadOrganId: facts.leadOrganId,
      currentDeadline: facts.currentDeadline,
      clientId: submission?.clientId ?? null,
      reference: submission?.reference ?? null,
    });
  }
}

/** `petition.case.accepted` → `case.accepted`. */
export const changeTypeOf = (subject: string) => subject.split('.').slice(1).join('.');

/** One durable consumer per petition case event (named, beside any federation consumer). */
function caseEventHandler(
  event: EventDefinition,
  facts: (data: never) => CaseFacts,
): Type<unknown> {
  @Injectable()
  class CaseEventHandler {
    constructor(private readonly applier: CaseEventApplier) {}

    @OnEvent(event, { name: 'integrator' })
    async handle(envelope: EventEnvelope<never>, tx: EntityManager): Promise<void> {
      await this.applier.apply(
        tx,
        envelope.eventId,
        changeTypeOf(event.subject),
        facts(envelope.data),
      );
    }
  }
  Object.defineProperty(CaseEventHandler, 'name', {
    value: `CaseEventHandler_${event.subject.replace(/\W/g, '_')}`,
  });
  return CaseEventHandler;
}

export const CASE_EVENT_HANDLERS: Type<unknown>[] = [
  caseEventHandler(caseRegisteredEvent, factsOfRegistration as (data: never) => CaseFacts),
  ...Object.values(CASE_WORKFLOW_EVENTS).map((event) =>
    caseEventHandler(event, factsOfChange as (data: never) => CaseFacts),
  ),
];
