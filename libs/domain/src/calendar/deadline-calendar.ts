import { type CalendarOverrides, parseCalendarOverrides } from './calendar-overrides.js';
import {
  type ChinaDayNumber,
  chinaDateKey,
  chinaDayFromKey,
  chinaDayOf,
  chinaWeekday,
  endOfChinaDay,
} from './china-day.js';
import { chineseDaysData } from './chinese-days-data.js';

/**
 * How statutory "days" are counted, a per-deployment setting: every calendar day, or only
 * working days (工作日: not a weekend or public holiday, but including make-up workdays).
 */
export type DayCountMode = 'calendar-day' | 'working-day';

export const DAY_COUNT_MODES: readonly DayCountMode[] = ['calendar-day', 'working-day'];

export interface DeadlineCalendarOptions {
  readonly mode: DayCountMode;
  /** The deployment's own holidays and make-up workdays; they win over `chinese-days`. */
  readonly overrides?: Partial<CalendarOverrides>;
}

/** Far beyond any statutory period; stops a bad input from looping for ever. */
const MAX_DAYS = 36_600;

function assertInstant(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new RangeError(`${name} must be a valid Date`);
  }
}

function assertDayCount(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
    throw new RangeError(`days must be an integer from 0 to ${MAX_DAYS}, got ${days}`);
  }
}

/**
 * Computes statutory deadlines. The rules:
 *
 * - Days are China calendar days (Asia/Shanghai, UTC+8) whatever the server's time zone.
 * - `addDays(start, n)`: day 1 is the day after the day `start` falls on; the deadline is the
 *   END of day n, `23:59:59.999+08:00`, and an act is on time when it happens at or before it.
 * - In `working-day` mode only working days are counted: weekends and public holidays are
 *   skipped, make-up workdays (调休上班) count. The deployment's overrides win over
 *   `chinese-days`; a year covered by neither falls back to "Monday to Friday" (see `coversYear`).
 * - The objection period (5 个工作日) is in working days in either mode: `addWorkingDays`.
 */
export class DeadlineCalendar {
  readonly mode: DayCountMode;
  readonly #holidays: ReadonlySet<string>;
  readonly #workdays: ReadonlySet<string>;
  readonly #overrideYears: ReadonlySet<number>;

  /**
   * @throws RangeError for an unknown mode.
   * @throws InvalidCalendarOverridesError when the overrides are malformed.
   */
  constructor(options: DeadlineCalendarOptions) {
    if (!DAY_COUNT_MODES.includes(options.mode)) {
      throw new RangeError(`Unknown day count mode: ${JSON.stringify(options.mode)}`);
    }
    this.mode = options.mode;
    const overrides = parseCalendarOverrides(options.overrides ?? {});
    this.#holidays = new Set(overrides.holidays);
    this.#workdays = new Set(overrides.workdays);
    this.#overrideYears = new Set(
      [...overrides.holidays, ...overrides.workdays].map((key) => Number(key.slice(0, 4))),
    );
  }

  /**
   * Whether the working-day mode knows the official arrangement for `year`: `chinese-days` has
   * it or the overrides name at least one date in it. For other years weekends are the only
   * days off, so the app should warn and load overrides.
   */
  coversYear(year: number): boolean {
    return this.#overrideYears.has(year) || chineseDaysData().years.has(year);
  }

  /** Whether a day (an instant's China day, or `YYYY-MM-DD`) is a working day, in either mode. */
  isWorkingDay(date: Date | string): boolean {
    if (typeof date === 'string') return this.#isWorkingDay(chinaDayFromKey(date));
    assertInstant(date, 'date');
    return this.#isWorkingDay(chinaDayOf(date));
  }

  /** The deadline `days` days (in this calendar's mode) after `start`; `0` = end of start's day. */
  addDays(start: Date, days: number): Date {
    return this.#add(start, days, this.mode === 'working-day');
  }

  /** The deadline `days` working days after `start`, whatever the mode (异议: 5 个工作日). */
  addWorkingDays(start: Date, days: number): Date {
    return this.#add(start, days, true);
  }

  /**
   * Days counted (in this calendar's mode) after `from`'s day up to and including `to`'s day:
   * the day number of `to` when `from` is day 0. Negative when `to` is on an earlier day.
   */
  daysBetween(from: Date, to: Date): number {
    assertInstant(from, 'from');
    assertInstant(to, 'to');
    const a = chinaDayOf(from);
    const b = chinaDayOf(to);
    if (b < a) return -this.daysBetween(to, from);
    return this.#countDays(a + 1, b);
  }

  /**
   * `deadline` pushed back by the days a pause took (听证所需时间不计算在期限内): every day
   * from `pauseStart`'s day to `pauseEnd`'s day, both included, that counts in this mode.
   * The result is the end of a day.
   * @throws RangeError when the pause ends before it starts.
   */
  extendForPause(deadline: Date, pauseStart: Date, pauseEnd: Date): Date {
    assertInstant(pauseStart, 'pauseStart');
    assertInstant(pauseEnd, 'pauseEnd');
    if (pauseEnd.getTime() < pauseStart.getTime()) {
      throw new RangeError('pauseEnd is before pauseStart');
    }
    const paused = this.#countDays(chinaDayOf(pauseStart), chinaDayOf(pauseEnd));
    return this.addDays(deadline, paused);
  }

  #add(start: Date, days: number, workingDaysOnly: boolean): Date {
    assertInstant(start, 'start');
    assertDayCount(days);
    let day = chinaDayOf(start);
    if (!workingDaysOnly) return endOfChinaDay(day + days);
    for (let left = days; left > 0;) {
      day += 1;
      if (this.#isWorkingDay(day)) left -= 1;
    }
    return endOfChinaDay(day);
  }

  /** Days in `first..last` (both included) that count in this mode. */
  #countDays(first: ChinaDayNumber, last: ChinaDayNumber): number {
    if (this.mode === 'calendar-day') return Math.max(0, last - first + 1);
    let count = 0;
    for (let day = first; day <= last; day++) if (this.#isWorkingDay(day)) count += 1;
    return count;
  }

  #isWorkingDay(day: ChinaDayNumber): boolean {
    const key = chinaDateKey(day);
    if (this.#workdays.has(key)) return true;
    if (this.#holidays.has(key)) return false;
    const official = chineseDaysData();
    if (official.workdays.has(key)) return true;
    if (official.holidays.has(key)) return false;
    const weekday = chinaWeekday(day);
    return weekday !== 0 && weekday !== 6;
  }
}
