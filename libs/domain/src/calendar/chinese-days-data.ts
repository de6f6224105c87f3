import { createRequire } from 'node:module';

/**
 * China's official public holidays and make-up workdays (调休上班) from `chinese-days`
 * (State Council notices, 2004–2026 in version 1.5.7).
 *
 * We read the package's published JSON table rather than calling its functions: those build
 * their tables with the server's local time zone and shift every date by one day west of UTC
 * (in America/New_York `isWorkday('2026-10-10')` is false). `createRequire` because the
 * build (swc) drops `with { type: 'json' }` import attributes, which Node needs for JSON.
 */

export interface HolidayData {
  /** `YYYY-MM-DD` of every public holiday, including weekend days inside a holiday block. */
  readonly holidays: ReadonlySet<string>;
  /** `YYYY-MM-DD` of every make-up workday: a Saturday or Sunday that is worked instead. */
  readonly workdays: ReadonlySet<string>;
  /** Years the table has an official arrangement for. */
  readonly years: ReadonlySet<number>;
}

interface ChineseDaysJson {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

let data: HolidayData | undefined;

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The holiday table, loaded on first use. */
export function chineseDaysData(): HolidayData {
  if (data) return data;
  const json = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as unknown;
  const table = json as Partial<ChineseDaysJson> | null;
  // Fail loudly if a future version changes the file's shape, rather than treating every
  // holiday as a working day.
  if (!table || !isStringRecord(table.holidays) || !isStringRecord(table.workdays)) {
    throw new Error('chinese-days/dist/chinese-days.json has an unexpected shape');
  }
  const holidays = new Set(Object.keys(table.holidays));
  const workdays = new Set(Object.keys(table.workdays));
  const years = new Set([...holidays].map((key) => Number(key.slice(0, 4))));
  data = { holidays, workdays, years };
  return data;
}
