import { DeadlineCalendar } from '@minsheng/domain';

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;

/**
 * The deployment's calendar with its answers remembered: a deadline depends only on the China day
 * it starts from and the days counted, and millions of generated cases ask the same few thousand.
 */
export class CachedCalendar extends DeadlineCalendar {
  private readonly added = new Map<number, number>();

  override addDays(start: Date, days: number): Date {
    return this.remember(start, days, 0, () => super.addDays(start, days));
  }

  override addWorkingDays(start: Date, days: number): Date {
    return this.remember(start, days, 1, () => super.addWorkingDays(start, days));
  }

  private remember(start: Date, days: number, kind: number, compute: () => Date): Date {
    const day = Math.floor((start.getTime() + CHINA_OFFSET) / DAY);
    const key = (day * 8192 + days) * 2 + kind;
    let end = this.added.get(key);
    if (end === undefined || !Number.isInteger(days) || days >= 8192) {
      end = compute().getTime();
      this.added.set(key, end);
    }
    return new Date(end);
  }
}
