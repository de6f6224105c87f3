/**
 * Calendar days as China Standard Time (Asia/Shanghai, UTC+8, no daylight saving) sees them.
 * Statutory deadlines are counted in these days whatever time zone the server runs in, so all
 * arithmetic here is on UTC milliseconds shifted by +8 hours, never on the local time zone.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_KEY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 in China Standard Time: the China day an instant falls on. */
export type ChinaDayNumber = number;

/** The China day that `instant` falls on. */
export function chinaDayOf(instant: Date): ChinaDayNumber {
  return Math.floor((instant.getTime() + CHINA_UTC_OFFSET_MS) / DAY_MS);
}

/** `YYYY-MM-DD` of a China day. */
export function chinaDateKey(day: ChinaDayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of the China day that `instant` falls on (`2026-09-30T16:30Z` → `2026-10-01`). */
export function chinaDateOf(instant: Date): string {
  return chinaDateKey(chinaDayOf(instant));
}

/** Whether `key` is a real calendar date written `YYYY-MM-DD` (`2027-02-30` is not). */
export function isDateKey(key: unknown): key is string {
  if (typeof key !== 'string') return false;
  const match = DATE_KEY_PATTERN.exec(key);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC maps years 0-99 to 1900-1999, so check the year as well.
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The China day written `YYYY-MM-DD`.
 * @throws RangeError when `key` is not a real `YYYY-MM-DD` date.
 */
export function chinaDayFromKey(key: string): ChinaDayNumber {
  if (!isDateKey(key)) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(key)}`);
  return Date.parse(`${key}T00:00:00Z`) / DAY_MS;
}

/** Day of the week of a China day, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function chinaWeekday(day: ChinaDayNumber): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The last millisecond of a China day: `YYYY-MM-DDT23:59:59.999+08:00`. */
export function endOfChinaDay(day: ChinaDayNumber): Date {
  return new Date((day + 1) * DAY_MS - CHINA_UTC_OFFSET_MS - 1);
}
