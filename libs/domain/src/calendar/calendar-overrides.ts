import { isDateKey } from './china-day.js';

/**
 * A deployment's own holiday arrangement, for years `chinese-days` does not cover yet (2027 on)
 * or to correct it. Dates are China calendar days written `YYYY-MM-DD`.
 */
export interface CalendarOverrides {
  /** Days off: public holidays, including the weekend days inside a holiday block. */
  readonly holidays: readonly string[];
  /** Make-up workdays (调休上班): Saturdays or Sundays that are worked. */
  readonly workdays: readonly string[];
}

/** Thrown when a calendar override document is not valid; `issues` lists every problem found. */
export class InvalidCalendarOverridesError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[]) {
    super(`Invalid calendar overrides: ${issues.join('; ')}`);
    this.name = 'InvalidCalendarOverridesError';
    this.issues = issues;
  }
}

const LISTS = ['holidays', 'workdays'] as const;

function collectIssues(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return ['expected an object with "holidays" and "workdays" arrays'];
  }
  const issues: string[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // A misspelt key would otherwise silently load no holidays at all.
    if (!(LISTS as readonly string[]).includes(key)) {
      issues.push(`unknown key "${key}" (expected "holidays" or "workdays")`);
    }
  }
  const seen = new Map<string, string>();
  for (const list of LISTS) {
    const dates = record[list];
    if (dates === undefined) continue;
    if (!Array.isArray(dates)) {
      issues.push(`"${list}" must be an array of "YYYY-MM-DD" strings`);
      continue;
    }
    dates.forEach((date: unknown, i) => {
      if (!isDateKey(date)) {
        issues.push(`${list}[${i}] ${JSON.stringify(date)} is not a real "YYYY-MM-DD" date`);
        return;
      }
      const other = seen.get(date);
      if (other === list) issues.push(`${list}[${i}] ${date} is listed twice`);
      else if (other !== undefined) issues.push(`${date} is in both "holidays" and "workdays"`);
      else seen.set(date, list);
    });
  }
  return issues;
}

/**
 * Validates a calendar override document, given as JSON text or as an already parsed value:
 * `{ "holidays": ["2027-01-01", …], "workdays": ["2027-02-07", …] }`. Either list may be left
 * out (empty); no other key is allowed and no date may be in both lists or twice in one.
 * @throws InvalidCalendarOverridesError listing every problem found.
 */
export function parseCalendarOverrides(json: unknown): CalendarOverrides {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new InvalidCalendarOverridesError([`not valid JSON: ${(error as Error).message}`]);
    }
  }
  const issues = collectIssues(value);
  if (issues.length > 0) throw new InvalidCalendarOverridesError(issues);
  const record = value as Partial<Record<(typeof LISTS)[number], string[]>>;
  return { holidays: [...(record.holidays ?? [])], workdays: [...(record.workdays ?? [])] };
}
