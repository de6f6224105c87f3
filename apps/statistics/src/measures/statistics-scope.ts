import { isKnownDivision } from '@minsheng/domain';
import { coversDivision, type Principal } from '@minsheng/auth';
import { chinaDay } from './formulas.js';
import { StatisticsError } from './statistics.errors.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 5 * 366;

/** The division and China-day period a query is about, checked against the caller's scope. */
export interface Scope {
  divisionCode: string;
  /** First day, inclusive. */
  fromDay: string;
  /** Day after the last, exclusive. */
  toDay: string;
  /** Where "open at the end" is judged: the period's end, or the start of today if earlier. */
  endDay: string;
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** A day or instant → its China day (an instant inside a day counts from that day). */
function dayOf(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : chinaDay(new Date(value));
}

export function resolveScope(
  principal: Principal,
  query: { divisionCode?: string; from?: string; to?: string },
  now: Date,
  defaultDays = 365,
): Scope {
  const divisionCode = query.divisionCode ?? principal.divisionCode;
  if (!isKnownDivision(divisionCode)) throw StatisticsError.unknownDivision(divisionCode);
  if (!coversDivision(principal, divisionCode)) throw StatisticsError.notFound('无权查看该地区');
  const today = chinaDay(now);
  const toDay = query.to ? dayOf(query.to) : addDays(today, 1);
  const fromDay = query.from ? dayOf(query.from) : addDays(toDay, -defaultDays);
  if (fromDay >= toDay) throw StatisticsError.invalidPeriod('起始日期须早于截止日期');
  if ((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS > MAX_DAYS) {
    throw StatisticsError.invalidPeriod('统计区间不能超过五年');
  }
  return { divisionCode, fromDay, toDay, endDay: toDay < today ? toDay : today };
}

export const scopeDays = { addDays };
