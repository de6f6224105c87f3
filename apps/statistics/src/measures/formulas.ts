import {
  ROLLUP_COUNTERS,
  emptyRollupCounters,
  rollupRates,
  rollupRatio,
  rollupVolumes,
  type RollupCounter,
  type RollupCounters,
  type RollupPeriodSums,
  type RollupRates,
} from '@minsheng/contracts';

/**
 * The measures, defined once (docs/statistics.md repeats them in words). Every case counter is a
 * pure function of one case's fact, booked on the China day it happens; a period's figures are
 * sums of those counters, and "open at the end of the period" counts are running sums of a
 * start counter minus an end counter over all days before the period's end. That keeps the
 * figures additive across days, divisions and dimensions, so daily roll-ups answer them.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China (UTC+8) calendar day of an instant, `YYYY-MM-DD`. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight China time at the start of `day`. */
export function chinaMidnight(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

/** `satisfied` and `basically-satisfied` both count as satisfied (满意 + 基本满意). */
export function isSatisfied(level: string | null): boolean {
  return level === 'satisfied' || level === 'basically-satisfied';
}

/** A ratio with its parts, `rate` rounded to 4 decimals (`null` on 0). */
export const ratio = rollupRatio;

/** What a case's fact holds that the measures read. */
export interface CaseFactView {
  registeredAt: Date | null;
  channel: string | null;
  /** 受理期限 (also the deadline of declining or routing elsewhere). */
  acceptBy: Date | null;
  /** First decision on acceptance: accepted, declined or sent to litigation. */
  decidedAt: Date | null;
  /** 办结期限 after any extension; set once the case was accepted. */
  concludeBy: Date | null;
  /** When the case left the workflow: concluded, declined, sent to litigation. */
  closedAt: Date | null;
  officeRating: string | null;
  organRating: string | null;
  ratedAt: Date | null;
}

/** The counters, shared with the exchange (contracts): the roll-ups cross tiers as they are. */
export const CASE_COUNTERS = ROLLUP_COUNTERS;
export type CaseCounter = RollupCounter;
export type CaseCounters = RollupCounters;

export const emptyCounters = emptyRollupCounters;

/**
 * The counters one case contributes, per China day. Nothing until the case's registration is
 * known. A deadline that passes with the act still undone starts an "overdue" on the deadline's
 * day; a late act ends it on its own day — so "open and overdue at T" is Σ(start − end) before T,
 * whatever T is, without asking the clock.
 */
export function caseContributions(fact: CaseFactView): Map<string, Partial<CaseCounters>> {
  const days = new Map<string, Partial<CaseCounters>>();
  if (!fact.registeredAt) return days;
  const add = (at: Date, counter: CaseCounter) => {
    const day = chinaDay(at);
    const entry = days.get(day) ?? {};
    entry[counter] = (entry[counter] ?? 0) + 1;
    days.set(day, entry);
  };
  add(fact.registeredAt, 'registered');
  if (fact.channel === 'online') add(fact.registeredAt, 'online');
  if (fact.closedAt) add(fact.closedAt, 'closed');

  // 及时受理: the acceptance decision (or, failing one, the closing) against the acceptance deadline.
  const decidedAt = fact.decidedAt ?? fact.closedAt;
  if (decidedAt) {
    add(decidedAt, 'accept_decided');
    if (fact.acceptBy && decidedAt <= fact.acceptBy) add(decidedAt, 'accept_on_time');
  }
  if (fact.acceptBy && (!decidedAt || decidedAt > fact.acceptBy)) {
    add(fact.acceptBy, 'accept_overdue_start');
    if (decidedAt) add(decidedAt, 'accept_overdue_end');
  }

  // 按期办结: only accepted cases run a conclusion deadline.
  if (fact.concludeBy) {
    if (fact.closedAt) {
      add(fact.closedAt, 'concluded');
      if (fact.closedAt <= fact.concludeBy) add(fact.closedAt, 'concluded_on_time');
      if (fact.ratedAt) add(fact.closedAt, 'concluded_rated');
    }
    if (!fact.closedAt || fact.closedAt > fact.concludeBy) {
      add(fact.concludeBy, 'conclude_overdue_start');
      if (fact.closedAt) add(fact.closedAt, 'conclude_overdue_end');
    }
  }

  // 满意度: booked on the day of the rating.
  if (fact.ratedAt) {
    if (fact.officeRating) {
      add(fact.ratedAt, 'office_rated');
      if (isSatisfied(fact.officeRating)) add(fact.ratedAt, 'office_satisfied');
    }
    if (fact.organRating) {
      add(fact.ratedAt, 'organ_rated');
      if (isSatisfied(fact.organRating)) add(fact.ratedAt, 'organ_satisfied');
    }
  }
  return days;
}

/** Sums of counters over the period, and running sums over every day before its end. */
export type PeriodSums = RollupPeriodSums;
export type CaseRates = RollupRates;

/** The rates and volumes are defined in contracts (`rollupRates`, `rollupVolumes`), once. */
export const caseRates = rollupRates;
export const caseVolumes = rollupVolumes;

/** What a leader message's fact holds that the on-time reply rate reads. */
export interface MessageFactView {
  replyDeadline: Date;
  publishedAt: Date | null;
  converted: boolean;
}

/**
 * 留言按期答复率 = replied on time ÷ (replied + unreplied past the deadline at `end`), over
 * messages whose reply (or deadline, when unreplied) falls before `end` and, for replies, in the
 * period. Messages turned into petition cases follow the petition deadlines and are left out —
 * the same rule leader-message applies.
 */
export function messageReplyCounts(
  messages: MessageFactView[],
  from: Date,
  end: Date,
): { onTime: number; replied: number; openOverdue: number } {
  let onTime = 0;
  let replied = 0;
  let openOverdue = 0;
  for (const m of messages) {
    if (m.converted) continue;
    if (m.publishedAt && m.publishedAt >= from && m.publishedAt < end) {
      replied += 1;
      if (m.publishedAt <= m.replyDeadline) onTime += 1;
    } else if (m.replyDeadline < end && (!m.publishedAt || m.publishedAt >= end)) {
      openOverdue += 1;
    }
  }
  return { onTime, replied, openOverdue };
}
