/** How urgent a deadline is, for the worklist's colours. */
export type DeadlineState = 'none' | 'ok' | 'due-soon' | 'overdue';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Overdue once past; due soon within `warningDays` (petition's SUPERVISION_WARNING_DAYS, 3 by
 * default); the service's own `overdue` flag wins when given.
 */
export function deadlineState(
  dueAt: string | null | undefined,
  now: Date = new Date(),
  options: { overdue?: boolean; warningDays?: number } = {},
): DeadlineState {
  if (options.overdue) return 'overdue';
  if (!dueAt) return 'none';
  const left = Date.parse(dueAt) - now.getTime();
  if (left < 0) return 'overdue';
  if (left <= (options.warningDays ?? 3) * DAY) return 'due-soon';
  return 'ok';
}

/** Whole days left (negative when overdue), rounded towards the deadline. */
export function daysLeft(dueAt: string, now: Date = new Date()): number {
  const left = Date.parse(dueAt) - now.getTime();
  return left >= 0 ? Math.ceil(left / DAY) : -Math.ceil(-left / DAY);
}

export const DEADLINE_TAG_TYPE: Record<DeadlineState, 'info' | 'success' | 'warning' | 'danger'> = {
  none: 'info',
  ok: 'success',
  'due-soon': 'warning',
  overdue: 'danger',
};
