import { DeadlineCalendar } from '@minsheng/domain';
import { InvalidRecurrenceError, expandRecurrence, type RecurrenceInput } from './recurrence.js';
import { findSlot, slotsOf } from './slot-grid.js';

const calendar = new DeadlineCalendar({ mode: 'working-day' });

const base: RecurrenceInput = {
  startDate: '2026-02-03',
  rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
  untilDate: '2026-04-30',
  count: null,
  skipPublicHolidays: true,
  window: { startTime: '09:00', endTime: '11:30' },
  exceptions: [],
};

const expand = (input: Partial<RecurrenceInput>) =>
  expandRecurrence({ ...base, ...input }, calendar);

describe('reception-day recurrence (Asia/Shanghai)', () => {
  it('holds every second Tuesday, skipping the Spring Festival holiday on 17 February 2026', () => {
    const { occurrences, skipped } = expand({});
    expect(occurrences.map((o) => o.date)).toEqual([
      '2026-02-03',
      '2026-03-03',
      '2026-03-17',
      '2026-03-31',
      '2026-04-14',
      '2026-04-28',
    ]);
    expect(skipped).toEqual([{ date: '2026-02-17', reason: 'public-holiday' }]);
  });

  it('keeps the holiday when the schedule does not ask to skip public holidays', () => {
    const { occurrences, skipped } = expand({ skipPublicHolidays: false });
    expect(occurrences.map((o) => o.date)).toContain('2026-02-17');
    expect(skipped).toEqual([]);
  });

  it('puts 09:00 China time at 01:00 UTC every week, across other zones’ daylight-saving changes and whatever the server’s zone', () => {
    const original = process.env.TZ;
    try {
      // New York moves its clocks on 8 March 2026; China does not, and the server's zone must not matter.
      process.env.TZ = 'America/New_York';
      const { occurrences } = expand({ rule: 'FREQ=WEEKLY;BYDAY=TU', untilDate: '2026-03-31' });
      expect(occurrences.length).toBeGreaterThan(6);
      for (const o of occurrences) {
        expect(o.startsAt.toISOString()).toBe(`${o.date}T01:00:00.000Z`);
        expect(o.endsAt.toISOString()).toBe(`${o.date}T03:30:00.000Z`);
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });

  it('skips National Day 2026 for a weekly Thursday schedule and holds the Thursday after', () => {
    const { occurrences, skipped } = expand({
      startDate: '2026-09-17',
      rule: 'FREQ=WEEKLY;BYDAY=TH',
      untilDate: '2026-10-15',
    });
    expect(occurrences.map((o) => o.date)).toEqual([
      '2026-09-17',
      '2026-09-24',
      '2026-10-08',
      '2026-10-15',
    ]);
    expect(skipped).toEqual([{ date: '2026-10-01', reason: 'public-holiday' }]);
  });

  it('applies exceptions: a skipped date, a changed window, an extra day even on a holiday', () => {
    const { occurrences, skipped } = expand({
      exceptions: [
        { action: 'skip', date: '2026-03-03', reason: '出差' },
        { action: 'change', date: '2026-03-17', window: { startTime: '14:00', endTime: '16:00' } },
        { action: 'add', date: '2026-04-06' },
      ],
    });
    expect(occurrences.map((o) => o.date)).toEqual([
      '2026-02-03',
      '2026-03-17',
      '2026-03-31',
      '2026-04-06',
      '2026-04-14',
      '2026-04-28',
    ]);
    expect(skipped).toEqual([
      { date: '2026-02-17', reason: 'public-holiday' },
      { date: '2026-03-03', reason: 'exception' },
    ]);
    const changed = occurrences.find((o) => o.date === '2026-03-17')!;
    expect(changed.startsAt.toISOString()).toBe('2026-03-17T06:00:00.000Z');
    expect(changed.endsAt.toISOString()).toBe('2026-03-17T08:00:00.000Z');
    // 6 April 2026 is the Qingming holiday: added on purpose, so it stays.
    expect(calendar.isWorkingDay('2026-04-06')).toBe(false);
  });

  it('holds the first Monday of each month, and a single date without a rule', () => {
    const monthly = expand({
      startDate: '2026-01-01',
      rule: 'FREQ=MONTHLY;BYDAY=1MO',
      count: 3,
      untilDate: null,
    });
    expect(monthly.occurrences.map((o) => o.date)).toEqual([
      '2026-01-05',
      '2026-02-02',
      '2026-03-02',
    ]);
    const single = expand({ rule: null, untilDate: null, startDate: '2026-12-01' });
    expect(single.occurrences.map((o) => o.date)).toEqual(['2026-12-01']);
  });

  it.each([
    ['an unbounded rule', { untilDate: null, count: null }, /结束日期或次数/],
    ['time parts', { rule: 'FREQ=DAILY;BYHOUR=9' }, /BYHOUR/],
    ['a DTSTART of its own', { rule: 'DTSTART=20260101;FREQ=DAILY' }, /DTSTART/],
    ['an hourly frequency', { rule: 'FREQ=HOURLY' }, /HOURLY/],
    ['gibberish', { rule: 'FREQ=WEEKLY;BYDAY=XX' }, /解析/],
    ['an end before the start', { untilDate: '2026-01-01' }, /早于/],
    [
      'changing a date the rule does not produce',
      { exceptions: [{ action: 'change' as const, date: '2026-02-04', window: base.window }] },
      /不是本安排的接访日/,
    ],
  ])('refuses %s', (_, input, message) => {
    expect(() => expand(input)).toThrow(InvalidRecurrenceError);
    expect(() => expand(input)).toThrow(message);
  });

  it('refuses to expand more days than allowed', () => {
    expect(() =>
      expandRecurrence(
        { ...base, rule: 'FREQ=DAILY', untilDate: '2027-12-31', skipPublicHolidays: false },
        calendar,
        {
          maxOccurrences: 100,
        },
      ),
    ).toThrow(/最多生成 100/);
  });
});

describe('slot grid', () => {
  const day = {
    startsAt: new Date('2026-12-01T09:00:00+08:00'),
    endsAt: new Date('2026-12-01T11:30:00+08:00'),
    slotMinutes: 40,
  };

  it('lays slots back to back from the window’s start and leaves out a short remainder', () => {
    expect(slotsOf(day).map((s) => s.startsAt.toISOString())).toEqual([
      '2026-12-01T01:00:00.000Z',
      '2026-12-01T01:40:00.000Z',
      '2026-12-01T02:20:00.000Z',
    ]);
  });

  it('finds a slot only by its exact start', () => {
    expect(findSlot(day, new Date('2026-12-01T09:40:00+08:00'))?.endsAt.toISOString()).toBe(
      '2026-12-01T02:20:00.000Z',
    );
    expect(findSlot(day, new Date('2026-12-01T09:41:00+08:00'))).toBeUndefined();
    expect(findSlot(day, new Date('2026-12-01T11:00:00+08:00'))).toBeUndefined();
  });
});
