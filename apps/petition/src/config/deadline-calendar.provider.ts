import { readFileSync } from 'node:fs';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EnvValidationError } from '@minsheng/config';
import {
  DeadlineCalendar,
  InvalidCalendarOverridesError,
  parseCalendarOverrides,
  type CalendarOverrides,
} from '@minsheng/domain';
import type { PetitionSettings } from './petition.settings.js';

function readOverrides(file: string): CalendarOverrides {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new EnvValidationError([
      {
        variable: 'CALENDAR_OVERRIDES_FILE',
        message: `cannot be read: ${(error as Error).message}`,
      },
    ]);
  }
  try {
    return parseCalendarOverrides(text);
  } catch (error) {
    if (!(error instanceof InvalidCalendarOverridesError)) throw error;
    throw new EnvValidationError([{ variable: 'CALENDAR_OVERRIDES_FILE', message: error.message }]);
  }
}

/**
 * The deployment's deadline calendar, built once at boot. A malformed overrides file stops the
 * service from starting: deadlines computed with a wrong calendar would be wrong in law.
 */
export function createDeadlineCalendar(settings: PetitionSettings): DeadlineCalendar {
  const overrides = settings.CALENDAR_OVERRIDES_FILE
    ? readOverrides(settings.CALENDAR_OVERRIDES_FILE)
    : undefined;
  return new DeadlineCalendar({ mode: settings.DEADLINE_MODE, overrides });
}

/** Warns at boot when the working-day calendar does not know this year's or next year's holidays. */
@Injectable()
export class CalendarCoverageCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('DeadlineCalendar');

  constructor(private readonly calendar: DeadlineCalendar) {}

  onApplicationBootstrap(): void {
    if (this.calendar.mode !== 'working-day') return;
    const year = new Date().getUTCFullYear();
    const missing = [year, year + 1].filter((y) => !this.calendar.coversYear(y));
    if (missing.length > 0) {
      // Deadlines stay computable (weekends only), but the holidays of those years are unknown.
      this.logger.warn(
        { years: missing },
        'no official holiday arrangement for these years: load them with CALENDAR_OVERRIDES_FILE',
      );
    }
  }
}
