import { Injectable } from '@nestjs/common';

/** The time queries judge "open at the end" by; tests stand it still. */
@Injectable()
export class StatisticsClock {
  now(): Date {
    return new Date();
  }
}
