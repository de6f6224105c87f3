import { Injectable } from '@nestjs/common';

/**
 * The time the service reasons with (slots in the past, check-in windows, due reminders). One
 * injectable so tests can stand at a fixed instant; the database's own `now()` is never used
 * for these decisions.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
