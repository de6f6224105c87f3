import rrule from 'rrule';
import type { ReceptionWindow, ScheduleException } from '@minsheng/contracts';

// rrule ships CommonJS without named exports Node can see: take them from the default export.
const { RRule } = rrule;

/** China Standard Time has been UTC+8 all year since 1991: no daylight saving to allow for. */
const CHINA_OFFSET = '+08:00';

/** RRULE parts a reception schedule may use; times come from the window, bounds from the schedule. */
const ALLOWED_PARTS = new Set([
  'FREQ',
  'INTERVAL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
]);
const ALLOWED_FREQUENCIES = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

export interface RecurrenceInput {
  startDate: string;
  /** RFC 5545 RRULE parts (`FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`); null: the start date only. */
  rule: string | null;
  untilDate: string | null;
  count: number | null;
  skipPublicHolidays: boolean;
  window: ReceptionWindow;
  exceptions: readonly ScheduleException[];
}

export interface Occurrence {
  /** The China calendar day, `YYYY-MM-DD`. */
  date: string;
  window: ReceptionWindow;
  startsAt: Date;
  endsAt: Date;
}

export interface SkippedDate {
  date: string;
  reason: 'public-holiday' | 'exception';
}

/** What the expansion needs of the deadline calendar. */
export interface WorkingDays {
  isWorkingDay(date: string): boolean;
}

export class InvalidRecurrenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRecurrenceError';
  }
}

/** The instant a China wall-clock time falls on: `2026-12-01`, `09:00` → `2026-12-01T01:00:00Z`. */
export function chinaInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00${CHINA_OFFSET}`);
}

function utcMidnight(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/**
 * The dates a rule produces. rrule works on "floating" times in UTC fields; a date at UTC
 * midnight stands for the China calendar day of the same name, so the server's own time zone
 * never enters the computation.
 */
function ruleDates(input: RecurrenceInput, maxOccurrences: number): string[] {
  if (!input.rule) return [input.startDate];
  const parts = input.rule.split(';').filter(Boolean);
  for (const part of parts) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || !ALLOWED_PARTS.has(key.toUpperCase())) {
      throw new InvalidRecurrenceError(
        `规则中不允许 “${part}”（只可使用 ${[...ALLOWED_PARTS].join('、')}）`,
      );
    }
    if (key.toUpperCase() === 'FREQ' && !ALLOWED_FREQUENCIES.has(value.toUpperCase())) {
      throw new InvalidRecurrenceError(`不支持的频率 ${value}`);
    }
  }
  if (!input.untilDate && !input.count) {
    throw new InvalidRecurrenceError('重复规则须给出结束日期或次数');
  }
  let options;
  try {
    options = RRule.parseString(input.rule.toUpperCase());
  } catch (error) {
    throw new InvalidRecurrenceError(`无法解析重复规则：${(error as Error).message}`);
  }
  if (options.freq === undefined) throw new InvalidRecurrenceError('重复规则缺少 FREQ');
  const until = input.untilDate
    ? new Date(utcMidnight(input.untilDate).getTime() + 24 * 3_600_000 - 1)
    : null;
  if (until && until.getTime() < utcMidnight(input.startDate).getTime()) {
    throw new InvalidRecurrenceError('结束日期早于开始日期');
  }
  let dates: string[];
  try {
    const rule = new RRule({
      ...options,
      dtstart: utcMidnight(input.startDate),
      until,
      count: input.count,
      tzid: null,
    });
    dates = rule.all((_, i) => i <= maxOccurrences).map((d) => d.toISOString().slice(0, 10));
  } catch (error) {
    // rrule accepts some malformed parts when parsing and fails only when expanding.
    throw new InvalidRecurrenceError(`无法解析重复规则：${(error as Error).message}`);
  }
  if (dates.length > maxOccurrences) {
    throw new InvalidRecurrenceError(`最多生成 ${maxOccurrences} 个接访日`);
  }
  return dates;
}

/**
 * Expands a schedule into reception days, in date order. The rule's dates lose those that are
 * not working days (public holidays) when the schedule says so, and those the exceptions skip;
 * `change` gives a date its own window and `add` holds an extra day — both deliberate, so a
 * holiday does not remove them.
 */
export function expandRecurrence(
  input: RecurrenceInput,
  workingDays: WorkingDays,
  { maxOccurrences = 366 }: { maxOccurrences?: number } = {},
): { occurrences: Occurrence[]; skipped: SkippedDate[] } {
  const dates = ruleDates(input, maxOccurrences);
  const fromRule = new Set(dates);
  const windows = new Map<string, ReceptionWindow>();
  const explicit = new Set<string>();
  const skippedByException = new Set<string>();
  for (const exception of input.exceptions) {
    switch (exception.action) {
      case 'skip':
        if (!fromRule.has(exception.date)) {
          throw new InvalidRecurrenceError(`${exception.date} 不是本安排的接访日，无需取消`);
        }
        skippedByException.add(exception.date);
        break;
      case 'change':
        if (!fromRule.has(exception.date)) {
          throw new InvalidRecurrenceError(`${exception.date} 不是本安排的接访日，无法调整时间`);
        }
        windows.set(exception.date, exception.window);
        explicit.add(exception.date);
        break;
      case 'add':
        if (fromRule.has(exception.date)) {
          throw new InvalidRecurrenceError(`${exception.date} 已是本安排的接访日`);
        }
        if (exception.window) windows.set(exception.date, exception.window);
        explicit.add(exception.date);
        break;
    }
  }
  const skipped: SkippedDate[] = [];
  const kept: string[] = [];
  for (const date of new Set([...dates, ...explicit])) {
    if (skippedByException.has(date)) skipped.push({ date, reason: 'exception' });
    else if (input.skipPublicHolidays && !explicit.has(date) && !workingDays.isWorkingDay(date)) {
      skipped.push({ date, reason: 'public-holiday' });
    } else kept.push(date);
  }
  const occurrences = kept.sort().map((date) => {
    const window = windows.get(date) ?? input.window;
    return {
      date,
      window,
      startsAt: chinaInstant(date, window.startTime),
      endsAt: chinaInstant(date, window.endTime),
    };
  });
  return { occurrences, skipped: skipped.sort((a, b) => a.date.localeCompare(b.date)) };
}
