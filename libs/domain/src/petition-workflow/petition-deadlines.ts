import type { DeadlineCalendar } from '../calendar/deadline-calendar.js';
import {
  type DeadlineKind,
  type PetitionCaseState,
  type PetitionDeadlines,
  STATUTORY_PERIODS as P,
} from './petition-state.js';

/** What the deadlines are computed from: the case without its deadlines. */
export type DeadlineInputs = Omit<PetitionCaseState, 'deadlines' | 'status'>;

/**
 * Every deadline of a case, from its timestamps alone, so it can be recomputed at any time:
 * after an extension or a hearing, or when a deployment loads a later year's holidays.
 */
export function computeDeadlines(
  input: DeadlineInputs,
  calendar: DeadlineCalendar,
): PetitionDeadlines {
  const add = (from: Date | null, days: number): Date | null =>
    from === null ? null : calendar.addDays(from, days);
  const received = input.receivedByOrganAt;
  const reexaminationBase = add(input.reexaminationRequestedAt, P.reexaminationDecideDays);
  return {
    routeBy: calendar.addDays(input.registeredAt, P.routeDays),
    // Handled where it was registered, the 15 days run from registration.
    acceptBy: calendar.addDays(received ?? input.registeredAt, P.acceptDays),
    objectBy: received === null ? null : calendar.addWorkingDays(received, P.objectWorkingDays),
    reportBy: input.reportWithinDays === null ? null : add(received, input.reportWithinDays),
    concludeBy: add(input.acceptedAt, P.concludeDays + (input.extension?.days ?? 0)),
    reviewRequestBy: add(input.repliedAt, P.reviewRequestDays),
    reviewDecideBy: add(input.reviewRequestedAt, P.reviewDecideDays),
    reexaminationRequestBy: add(input.reviewDecidedAt, P.reexaminationRequestDays),
    reexaminationDecideBy:
      reexaminationBase === null
        ? null
        : input.hearingPauses.reduce(
            (deadline, pause) => calendar.extendForPause(deadline, pause.start, pause.end),
            reexaminationBase,
          ),
  };
}

/** The deadline an organ is working against now, for supervision (督办). */
export interface CurrentDeadline {
  readonly kind: DeadlineKind;
  readonly dueAt: Date;
}

/**
 * The deadline the case's current holder must meet, or `null` when no organ owes an action:
 * terminal, concluded or reviewed (only the petitioner can move it on), or in a hearing
 * (its clock is stopped).
 */
export function currentDeadline(state: PetitionCaseState): CurrentDeadline | null {
  const d = state.deadlines;
  const pick = (kind: DeadlineKind): CurrentDeadline | null => {
    const dueAt = d[kind];
    return dueAt === null ? null : { kind, dueAt };
  };
  switch (state.status) {
    case 'registered':
    case 'returned':
      return pick('routeBy');
    case 'transferred':
    case 'assigned':
      return pick('acceptBy');
    case 'accepted':
    case 'extension-requested':
    case 'replied':
      return pick('concludeBy');
    case 'under-review':
      return pick('reviewDecideBy');
    case 'under-reexamination':
      return pick('reexaminationDecideBy');
    case 'hearing':
    case 'concluded':
    case 'reviewed':
    case 'declined':
    case 'routed-to-litigation':
    case 'final':
      return null;
  }
}
