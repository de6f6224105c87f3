import {
  PETITION_TRANSITIONS,
  allowedActions,
  computeDeadlines,
  currentDeadline,
  type ActingOrgan,
  type CurrentDeadline,
  type DeadlineCalendar,
  type DeadlineKind,
  type PetitionCaseState,
  type PetitionDeadlines,
  type PetitionStatus,
} from '@minsheng/domain';
import type { PetitionCaseEntity, StoredDeadlines } from './petition-case.entity.js';

const date = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export function toStoredDeadlines(deadlines: PetitionDeadlines): StoredDeadlines {
  return Object.fromEntries(
    Object.entries(deadlines).map(([kind, at]) => [kind, iso(at as Date | null)]),
  ) as StoredDeadlines;
}

function fromStoredDeadlines(stored: StoredDeadlines): PetitionDeadlines {
  return Object.fromEntries(
    Object.entries(stored).map(([kind, at]) => [kind, date(at)]),
  ) as unknown as PetitionDeadlines;
}

/** The workflow's view of a stored case. */
export function toCaseState(
  entity: PetitionCaseEntity,
  calendar: DeadlineCalendar,
): PetitionCaseState {
  const base: Omit<PetitionCaseState, 'deadlines'> = {
    id: entity.id,
    status: entity.status,
    divisionCode: entity.divisionCode,
    registeringOrganId: entity.registeringOrganId,
    routing: entity.routing,
    responsibleOrganId: entity.leadOrganId,
    coHandlingOrganIds: entity.coHandlingOrganIds,
    reportWithinDays: entity.reportWithinDays,
    reviewOrganId: entity.reviewOrganId,
    reexaminationOrganId: entity.reexaminationOrganId,
    registeredAt: entity.registeredAt,
    receivedByOrganAt: entity.receivedByOrganAt,
    acceptedAt: entity.acceptedAt,
    repliedAt: entity.repliedAt,
    concludedAt: entity.concludedAt,
    reviewRequestedAt: entity.reviewRequestedAt,
    reviewDecidedAt: entity.reviewDecidedAt,
    reexaminationRequestedAt: entity.reexaminationRequestedAt,
    reexaminationDecidedAt: entity.reexaminationDecidedAt,
    hearingStartedAt: entity.hearingStartedAt,
    hearingPauses: entity.hearingPauses.map((p) => ({
      start: new Date(p.start),
      end: new Date(p.end),
    })),
    pendingExtension: entity.pendingExtension && {
      days: entity.pendingExtension.days,
      reason: entity.pendingExtension.reason,
      requestedAt: new Date(entity.pendingExtension.requestedAt),
    },
    extension: entity.extension && {
      days: entity.extension.days,
      reason: entity.extension.reason,
      requestedAt: new Date(entity.extension.requestedAt),
      approvedAt: new Date(entity.extension.approvedAt ?? entity.extension.requestedAt),
    },
    objections: entity.objections.map((o) => ({
      organId: o.organId,
      at: new Date(o.at),
      reason: o.reason,
    })),
    closedAt: entity.closedAt,
    closingReason: entity.closingReason,
    legalRoute: entity.legalRoute,
    sameFactsAsFinalCaseId: entity.sameFactsAsFinalCaseId,
    updatedAt: entity.updatedAt,
  };
  // The deadlines the petitioner was told are the stored ones; a row from before they were
  // stored gets them computed.
  const deadlines = entity.deadlines
    ? fromStoredDeadlines(entity.deadlines)
    : computeDeadlines(base, calendar);
  return { ...base, deadlines };
}

/** The case's workflow columns for a state (the rest of the row is left alone). */
export function workflowColumns(state: PetitionCaseState): Partial<PetitionCaseEntity> {
  return {
    status: state.status,
    routing: state.routing,
    leadOrganId: state.responsibleOrganId,
    coHandlingOrganIds: [...state.coHandlingOrganIds],
    reportWithinDays: state.reportWithinDays,
    reviewOrganId: state.reviewOrganId,
    reexaminationOrganId: state.reexaminationOrganId,
    receivedByOrganAt: state.receivedByOrganAt,
    acceptedAt: state.acceptedAt,
    repliedAt: state.repliedAt,
    concludedAt: state.concludedAt,
    reviewRequestedAt: state.reviewRequestedAt,
    reviewDecidedAt: state.reviewDecidedAt,
    reexaminationRequestedAt: state.reexaminationRequestedAt,
    reexaminationDecidedAt: state.reexaminationDecidedAt,
    hearingStartedAt: state.hearingStartedAt,
    hearingPauses: state.hearingPauses.map((p) => ({
      start: p.start.toISOString(),
      end: p.end.toISOString(),
    })),
    pendingExtension: state.pendingExtension && {
      days: state.pendingExtension.days,
      reason: state.pendingExtension.reason,
      requestedAt: state.pendingExtension.requestedAt.toISOString(),
    },
    extension: state.extension && {
      days: state.extension.days,
      reason: state.extension.reason,
      requestedAt: state.extension.requestedAt.toISOString(),
      approvedAt: state.extension.approvedAt.toISOString(),
    },
    objections: state.objections.map((o) => ({
      organId: o.organId,
      at: o.at.toISOString(),
      reason: o.reason,
    })),
    closedAt: state.closedAt,
    closingReason: state.closingReason,
    legalRoute: state.legalRoute,
    sameFactsAsFinalCaseId: state.sameFactsAsFinalCaseId,
    updatedAt: state.updatedAt,
    deadlines: toStoredDeadlines(state.deadlines),
    actingParties: actingParties(state),
  };
}

const UNROUTED: readonly PetitionStatus[] = ['registered', 'returned'];

/** The organ a party acts for in this state (the domain's rule, read for the worklists). */
function organFor(organ: ActingOrgan, state: PetitionCaseState): string | null {
  switch (organ) {
    case 'registering':
      return state.registeringOrganId;
    case 'responsible':
      return UNROUTED.includes(state.status) ? state.registeringOrganId : state.responsibleOrganId;
    case 'review':
      return state.reviewOrganId;
    case 'reexamination':
      return state.reexaminationOrganId;
  }
}

/**
 * `<organId>:<role>` of the staff the case is waiting for: whoever may take one of its next
 * workflow steps. Linking a final case is a correction, not a step anyone owes, so it is left out.
 */
export function actingParties(state: PetitionCaseState): string[] {
  const parties = new Set<string>();
  for (const action of allowedActions(state.status)) {
    if (action === 'link-final-case') continue;
    for (const party of PETITION_TRANSITIONS[action].staff) {
      if (party.onlyFrom && !party.onlyFrom.includes(state.status)) continue;
      const organ = organFor(party.organ, state);
      if (organ) parties.add(`${organ}:${party.role}`);
    }
  }
  return [...parties].sort();
}

export function deadlineKey(deadline: CurrentDeadline): string {
  return `${deadline.kind}@${deadline.dueAt.toISOString()}`;
}

export interface AlertColumns {
  nextDeadlineKind: DeadlineKind | null;
  nextDeadlineAt: Date | null;
  nextAlertAt: Date | null;
}

/**
 * When supervision next has to look at the case: the start of the warning period of its current
 * deadline, then the moment it passes; never again for a deadline already reported. Keeping this
 * one indexed instant is what makes a scan cost the number of due cases, not of open ones.
 */
export function alertColumns(
  state: PetitionCaseState,
  reported: { warnedFor: string | null; overdueFor: string | null },
  warningDays: number,
): AlertColumns {
  const deadline = currentDeadline(state);
  if (!deadline) return { nextDeadlineKind: null, nextDeadlineAt: null, nextAlertAt: null };
  const key = deadlineKey(deadline);
  const due = deadline.dueAt.getTime();
  const nextAlertAt =
    reported.overdueFor === key
      ? null
      : reported.warnedFor === key
        ? new Date(due + 1)
        : new Date(due - warningDays * 86_400_000);
  return { nextDeadlineKind: deadline.kind, nextDeadlineAt: deadline.dueAt, nextAlertAt };
}

export { allowedActions, currentDeadline };
