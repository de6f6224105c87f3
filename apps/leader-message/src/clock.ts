import { Injectable } from '@nestjs/common';

/** The time the service reasons with; one injectable so tests can stand at a fixed instant. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
