import type { LoggerService } from '@nestjs/common';

export interface PeriodicTaskOptions {
  /** For the log line when a pass fails. */
  name: string;
  intervalMs: number;
  /** One pass; it should check `isStopped` between batches of a long pass. */
  pass: () => Promise<unknown>;
  logger: Pick<LoggerService, 'warn'>;
}

/**
 * A background pass run on an interval and on demand, one at a time per process: a wake during
 * a pass runs one more pass right after it. Stopping waits for the pass under way. Replicas
 * coordinate through the database (SKIP LOCKED, advisory locks), not here.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly options: PeriodicTaskOptions) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /**
   * Passes every interval from now on; the first at once (`immediately`) or after `firstAfterMs`,
   * if that comes before the first interval (for a long interval, so that a process restarted
   * more often still gets its passes).
   */
  start({
    immediately = false,
    firstAfterMs,
  }: { immediately?: boolean; firstAfterMs?: number } = {}): void {
    this.timer = setInterval(() => this.wake(), this.options.intervalMs);
    this.timer.unref();
    if (immediately) this.wake();
    else if (firstAfterMs !== undefined && firstAfterMs < this.options.intervalMs) {
      this.first = setTimeout(() => this.wake(), firstAfterMs);
      this.first.unref();
    }
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.options
      .pass()
      .then(
        () => undefined,
        (error: Error) =>
          this.options.logger.warn({ err: error.message }, `${this.options.name} failed`),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.first);
    await this.running;
  }
}
