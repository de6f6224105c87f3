import { InvalidCalendarOverridesError } from './calendar-overrides.js';
import { chinaDateOf } from './china-day.js';
import { DeadlineCalendar } from './deadline-calendar.js';

// 2026 arrangement as published by the State Council and shipped in chinese-days 1.5.7:
// Mid-Autumn Fri 09-25 to Sun 09-27 off; National Day Thu 10-01 to Wed 10-07 off;
// make-up workdays Sun 09-20 and Sat 10-10.
const calendarDays = new DeadlineCalendar({ mode: 'calendar-day' });
const workingDays = new DeadlineCalendar({ mode: 'working-day' });

/** End of a China day, written out independently of the implementation. */
function endOf(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

function cst(dateTime: string): Date {
  return new Date(`${dateTime}+08:00`);
}

describe('DeadlineCalendar.isWorkingDay with the 2026 National Day arrangement', () => {
  it.each(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06'])(
    'treats %s as a holiday',
    (date) => {
      expect(workingDays.isWorkingDay(date)).toBe(false);
    },
  );

  it('treats Wednesday 2026-10-07, the last day of the block, as a holiday', () => {
    expect(workingDays.isWorkingDay('2026-10-07')).toBe(false);
  });

  it('treats Thursday 2026-10-08 as the first working day after the holiday', () => {
    expect(workingDays.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('treats the make-up Saturday 2026-10-10 and Sunday 2026-09-20 as working days', () => {
    expect(workingDays.isWorkingDay('2026-10-10')).toBe(true);
    expect(workingDays.isWorkingDay('2026-09-20')).toBe(true);
  });

  it('treats an ordinary Sunday and the Mid-Autumn Friday as days off', () => {
    expect(workingDays.isWorkingDay('2026-10-11')).toBe(false);
    expect(workingDays.isWorkingDay('2026-09-25')).toBe(false);
    expect(workingDays.isWorkingDay('2026-09-30')).toBe(true);
  });

  it('judges an instant by its China day, not its UTC day', () => {
    // 2026-09-30T16:30Z is already 00:30 on 1 October in Beijing.
    expect(workingDays.isWorkingDay(new Date('2026-09-30T16:30:00Z'))).toBe(false);
    expect(workingDays.isWorkingDay(new Date('2026-09-30T15:30:00Z'))).toBe(true);
  });

  it('gives the same answer whichever mode the calendar counts in', () => {
    expect(calendarDays.isWorkingDay('2026-10-01')).toBe(false);
    expect(calendarDays.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('rejects a string that is not a real date', () => {
    expect(() => workingDays.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => workingDays.isWorkingDay('2026/10/01')).toThrow(RangeError);
  });
});

describe('DeadlineCalendar.addDays in calendar-day mode', () => {
  it('counts from the day after the start and ends at 23:59:59.999 China time', () => {
    expect(calendarDays.addDays(cst('2026-09-30T10:00:00'), 15)).toEqual(endOf('2026-10-15'));
  });

  it('runs straight through the National Day holiday', () => {
    expect(calendarDays.addDays(cst('2026-09-28T09:00:00'), 5)).toEqual(endOf('2026-10-03'));
  });

  it('returns the end of the start day for zero days', () => {
    expect(calendarDays.addDays(cst('2026-09-30T08:00:00'), 0)).toEqual(endOf('2026-09-30'));
  });

  it('puts 23:30 Beijing time and 16:30Z on the same evening on different days', () => {
    // 2026-09-30T23:30+08:00 is day 0 = 30 September; 2026-09-30T16:30Z is 1 October, 00:30.
    expect(calendarDays.addDays(cst('2026-09-30T23:30:00'), 1)).toEqual(endOf('2026-10-01'));
    expect(calendarDays.addDays(new Date('2026-09-30T16:30:00Z'), 1)).toEqual(endOf('2026-10-02'));
  });

  it('is the 60-day conclusion limit plus a 30-day extension', () => {
    const accepted = cst('2026-08-03T10:00:00');
    const concludeBy = calendarDays.addDays(accepted, 60);
    expect(concludeBy).toEqual(endOf('2026-10-02'));
    expect(calendarDays.addDays(concludeBy, 30)).toEqual(endOf('2026-11-01'));
  });

  it('rejects negative, fractional and invalid inputs', () => {
    const start = cst('2026-09-30T10:00:00');
    expect(() => calendarDays.addDays(start, -1)).toThrow(RangeError);
    expect(() => calendarDays.addDays(start, 1.5)).toThrow(RangeError);
    expect(() => calendarDays.addDays(new Date('nope'), 1)).toThrow(RangeError);
  });
});

describe('DeadlineCalendar.addDays in working-day mode', () => {
  it('skips the whole National Day holiday: one working day after 30 September is 8 October', () => {
    expect(workingDays.addDays(cst('2026-09-30T10:00:00'), 1)).toEqual(endOf('2026-10-08'));
  });

  it('counts the make-up Saturday 10 October as a working day', () => {
    // 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13; without 10-10 it would be 10-14.
    expect(workingDays.addDays(cst('2026-09-30T10:00:00'), 5)).toEqual(endOf('2026-10-13'));
  });

  it('counts the make-up Sunday 20 September and skips Mid-Autumn', () => {
    // 09-20 (make-up Sunday), 09-21 … 09-24, 09-28 … 09-30, 10-08 … 10-10, 10-12 … 10-15.
    expect(workingDays.addDays(cst('2026-09-18T17:00:00'), 15)).toEqual(endOf('2026-10-15'));
  });

  it('starts counting from the next working day when the start is on a holiday', () => {
    expect(workingDays.addDays(cst('2026-10-03T10:00:00'), 1)).toEqual(endOf('2026-10-08'));
  });

  it('puts 23:30 Beijing time and 16:30Z on different China days', () => {
    // Tuesday 09-29 23:30 in Beijing: day 1 is Wednesday 09-30.
    expect(workingDays.addDays(cst('2026-09-29T23:30:00'), 1)).toEqual(endOf('2026-09-30'));
    // 2026-09-29T16:30Z is Wednesday 09-30 00:30 in Beijing: day 1 is 10-08.
    expect(workingDays.addDays(new Date('2026-09-29T16:30:00Z'), 1)).toEqual(endOf('2026-10-08'));
  });

  it('extends a 60-working-day conclusion limit by 30 working days across the holiday', () => {
    const accepted = cst('2026-08-03T10:00:00');
    const concludeBy = workingDays.addDays(accepted, 60);
    expect(concludeBy).toEqual(endOf('2026-10-30'));
    expect(workingDays.addDays(concludeBy, 30)).toEqual(endOf('2026-12-11'));
    expect(workingDays.addDays(accepted, 90)).toEqual(endOf('2026-12-11'));
  });
});

describe('DeadlineCalendar.addWorkingDays', () => {
  it('counts working days even in calendar-day mode (the 5-working-day objection period)', () => {
    // Transferred Tuesday 09-29: 09-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12.
    expect(calendarDays.addWorkingDays(cst('2026-09-29T15:00:00'), 5)).toEqual(endOf('2026-10-12'));
  });
});

describe('DeadlineCalendar.daysBetween', () => {
  it('numbers the days after the start in calendar-day mode', () => {
    expect(calendarDays.daysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-31T00:00:00'))).toBe(
      31,
    );
    expect(calendarDays.daysBetween(cst('2026-09-30T10:00:00'), cst('2026-09-30T23:59:00'))).toBe(
      0,
    );
  });

  it('counts only working days in working-day mode', () => {
    expect(workingDays.daysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-13T09:00:00'))).toBe(5);
  });

  it('is negative when the second instant is on an earlier day', () => {
    expect(calendarDays.daysBetween(cst('2026-10-05T10:00:00'), cst('2026-10-01T10:00:00'))).toBe(
      -4,
    );
  });
});

describe('DeadlineCalendar.extendForPause', () => {
  it('adds back every calendar day of a hearing, first and last day included', () => {
    const decideBy = endOf('2026-10-20');
    const extended = calendarDays.extendForPause(
      decideBy,
      cst('2026-10-05T09:00:00'),
      cst('2026-10-07T17:00:00'),
    );
    expect(extended).toEqual(endOf('2026-10-23'));
  });

  it('adds back only the working days of a hearing in working-day mode', () => {
    // Hearing 09-30 to 10-09: working days 09-30, 10-08, 10-09 are paused, the holiday was not
    // counted anyway. 3 working days after 10-20 (Tuesday) is 10-23.
    const extended = workingDays.extendForPause(
      endOf('2026-10-20'),
      cst('2026-09-30T09:00:00'),
      cst('2026-10-09T17:00:00'),
    );
    expect(extended).toEqual(endOf('2026-10-23'));
  });

  it('adds nothing for a hearing held entirely on holidays in working-day mode', () => {
    const extended = workingDays.extendForPause(
      endOf('2026-10-20'),
      cst('2026-10-02T09:00:00'),
      cst('2026-10-03T17:00:00'),
    );
    expect(extended).toEqual(endOf('2026-10-20'));
  });

  it('adds one day for a one-day hearing', () => {
    const extended = calendarDays.extendForPause(
      endOf('2026-10-20'),
      cst('2026-10-12T09:00:00'),
      cst('2026-10-12T11:00:00'),
    );
    expect(extended).toEqual(endOf('2026-10-21'));
  });

  it('rejects a pause that ends before it starts', () => {
    expect(() =>
      calendarDays.extendForPause(
        endOf('2026-10-20'),
        cst('2026-10-12T09:00:00'),
        cst('2026-10-11T09:00:00'),
      ),
    ).toThrow(RangeError);
  });
});

describe('DeadlineCalendar overrides and year coverage', () => {
  it('covers 2004 to 2026 from chinese-days and not 2027', () => {
    expect(workingDays.coversYear(2004)).toBe(true);
    expect(workingDays.coversYear(2026)).toBe(true);
    expect(workingDays.coversYear(2003)).toBe(false);
    expect(workingDays.coversYear(2027)).toBe(false);
  });

  it('falls back to weekends only in a year nobody covers', () => {
    // Friday 2027-01-01 is New Year's Day, but without data it is an ordinary Friday.
    expect(workingDays.isWorkingDay('2027-01-01')).toBe(true);
    expect(workingDays.isWorkingDay('2027-01-02')).toBe(false);
    expect(workingDays.addDays(cst('2026-12-31T10:00:00'), 1)).toEqual(endOf('2027-01-01'));
  });

  it('uses an override to cover a year that chinese-days does not', () => {
    const withNewYear = new DeadlineCalendar({
      mode: 'working-day',
      overrides: { holidays: ['2027-01-01'], workdays: [] },
    });
    expect(withNewYear.coversYear(2027)).toBe(true);
    expect(withNewYear.isWorkingDay('2027-01-01')).toBe(false);
    // Friday 01-01 is off, 01-02/01-03 are the weekend: the next working day is Monday 01-04.
    expect(withNewYear.addDays(cst('2026-12-31T10:00:00'), 1)).toEqual(endOf('2027-01-04'));
  });

  it('lets an override make-up workday count on a weekend', () => {
    const withMakeUpDay = new DeadlineCalendar({
      mode: 'working-day',
      overrides: { workdays: ['2027-01-02'] },
    });
    expect(withMakeUpDay.isWorkingDay('2027-01-02')).toBe(true);
    expect(withMakeUpDay.addDays(cst('2027-01-01T10:00:00'), 1)).toEqual(endOf('2027-01-02'));
  });

  it('lets overrides win over chinese-days', () => {
    const corrected = new DeadlineCalendar({
      mode: 'working-day',
      overrides: { holidays: ['2026-10-10'], workdays: ['2026-10-07'] },
    });
    expect(corrected.isWorkingDay('2026-10-07')).toBe(true);
    expect(corrected.isWorkingDay('2026-10-10')).toBe(false);
    expect(corrected.addDays(cst('2026-09-30T10:00:00'), 1)).toEqual(endOf('2026-10-07'));
  });

  it('does not let one calendar see another calendar’s overrides', () => {
    new DeadlineCalendar({ mode: 'working-day', overrides: { holidays: ['2026-10-08'] } });
    expect(workingDays.isWorkingDay('2026-10-08')).toBe(true);
  });

  it('rejects malformed overrides and an unknown mode', () => {
    expect(
      () => new DeadlineCalendar({ mode: 'working-day', overrides: { holidays: ['2027-13-01'] } }),
    ).toThrow(InvalidCalendarOverridesError);
    expect(() => new DeadlineCalendar({ mode: 'weekday' as never })).toThrow(RangeError);
  });
});

describe('chinaDateOf', () => {
  it('names the China calendar day of an instant', () => {
    expect(chinaDateOf(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(chinaDateOf(new Date('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
  });
});
