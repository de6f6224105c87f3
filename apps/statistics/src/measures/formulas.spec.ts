import { poissonTail } from '../analysis/poisson.js';
import { surgeTest } from '../analysis/surge-test.js';
import {
  caseContributions,
  caseRates,
  chinaDay,
  emptyCounters,
  messageReplyCounts,
  type CaseCounters,
  type CaseFactView,
} from './formulas.js';

const d = (s: string) => new Date(s);
const base: CaseFactView = {
  registeredAt: d('2026-03-02T10:00:00+08:00'),
  channel: 'online',
  acceptBy: d('2026-03-17T23:59:59.999+08:00'),
  decidedAt: null,
  concludeBy: null,
  closedAt: null,
  officeRating: null,
  organRating: null,
  ratedAt: null,
};

function sums(facts: CaseFactView[], from: string, end: string) {
  const inPeriod = emptyCounters();
  const beforeEnd = emptyCounters();
  for (const f of facts) {
    for (const [day, c] of caseContributions(f)) {
      for (const [k, n] of Object.entries(c) as Array<[keyof CaseCounters, number]>) {
        if (day >= from && day < end) inPeriod[k] += n;
        if (day < end) beforeEnd[k] += n;
      }
    }
  }
  return { inPeriod, beforeEnd };
}

describe('formulas', () => {
  it('books days in China time', () => {
    expect(chinaDay(d('2026-03-01T16:30:00Z'))).toBe('2026-03-02');
  });

  it('counts an open case past its conclusion deadline as late, and not before', () => {
    const open = {
      ...base,
      decidedAt: d('2026-03-05T10:00:00+08:00'),
      concludeBy: d('2026-03-20T23:59:59.999+08:00'),
    };
    const onTime = { ...open, closedAt: d('2026-03-19T10:00:00+08:00') };
    expect(caseRates(sums([open, onTime], '2026-03-01', '2026-04-01')).onTimeConclusion).toEqual({
      numerator: 1,
      denominator: 2,
      rate: 0.5,
    });
    // Up to the deadline's own day the open case is not overdue yet: only the concluded one counts.
    expect(caseRates(sums([open, onTime], '2026-03-01', '2026-03-20')).onTimeConclusion).toEqual({
      numerator: 1,
      denominator: 1,
      rate: 1,
    });
  });

  it('ends the overdue when a late case concludes, so it is not counted twice', () => {
    const late = {
      ...base,
      decidedAt: d('2026-03-05T10:00:00+08:00'),
      concludeBy: d('2026-03-10T23:59:59.999+08:00'),
      closedAt: d('2026-03-15T10:00:00+08:00'),
    };
    expect(caseRates(sums([late], '2026-03-01', '2026-04-01')).onTimeConclusion).toEqual({
      numerator: 0,
      denominator: 1,
      rate: 0,
    });
  });

  it('rates satisfaction with 基本满意 as satisfied, office and organ apart', () => {
    const rated = {
      ...base,
      officeRating: 'basically-satisfied',
      organRating: 'dissatisfied',
      ratedAt: d('2026-03-20T10:00:00+08:00'),
    };
    const r = caseRates(sums([rated], '2026-03-01', '2026-04-01'));
    expect([r.officeSatisfaction.rate, r.organSatisfaction.rate]).toEqual([1, 0]);
  });

  it('leaves messages turned into cases out of the reply rate', () => {
    const counts = messageReplyCounts(
      [
        {
          replyDeadline: d('2026-03-10T00:00:00Z'),
          publishedAt: d('2026-03-09T00:00:00Z'),
          converted: false,
        },
        { replyDeadline: d('2026-03-10T00:00:00Z'), publishedAt: null, converted: false },
        { replyDeadline: d('2026-03-10T00:00:00Z'), publishedAt: null, converted: true },
      ],
      d('2026-03-01T00:00:00Z'),
      d('2026-04-01T00:00:00Z'),
    );
    expect(counts).toEqual({ onTime: 1, replied: 1, openOverdue: 1 });
  });
});

describe('surge test', () => {
  it('matches the Poisson tail computed by hand', () => {
    // P(X ≥ 2 | 1) = 1 − e^−1 − e^−1 = 0.26424…
    expect(poissonTail(2, 1)).toBeCloseTo(0.264241, 5);
    expect(poissonTail(0, 3)).toBe(1);
  });

  it('flags a new topic arriving many times, not a steady one', () => {
    expect(surgeTest(10, 0)).toMatchObject({ surging: true, incipient: true });
    // Eight a week for eight weeks, then eight this week: ordinary.
    expect(surgeTest(8, 64).surging).toBe(false);
    // Below the minimum count nothing is flagged, however rare the topic.
    expect(surgeTest(4, 0).surging).toBe(false);
  });
});
