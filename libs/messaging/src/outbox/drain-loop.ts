import type { Logger } from '@nestjs/common';

const MAX_BACKOFF_MS = 5_000;

export interface DrainLoopOptions {
  /** Publishes one batch; answers how many it published. */
  drain: () => Promise<number>;
  /** A full batch means more may be waiting: drain again at once. */
  batchSize: number;
  pollIntervalMs: number;
  /**
   * Commits that nudge a drain under way are taken this long after it, together, rather than at
   * once: under steady load the batches grow and the round trips and commits per event fall, at
   * the cost of up to this much latency. A nudge after a quiet spell still drains at once.
   */
  gatherMs?: number;
  logger: Logger;
  /** Log message when a drain fails (the loop backs off and tries again). */
  what: string;
}

/**
 * The loop behind a relay: drain until a batch comes back short, then sleep until the poll
 * interval passes or a commit nudges it. A nudge during a drain is remembered (the drain may have
 * missed that commit), so a burst's tail never waits for the poll — at most `gatherMs`. Failures
 * back off to 5 s.
 */
export class DrainLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;

  constructor(private readonly options: DrainLoopOptions) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Something committed: drain soon. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.nudged = false;
        const published = await this.options.drain();
        failures = 0;
        if (published === this.options.batchSize) continue;
        if (this.nudged) {
          if (this.options.gatherMs) await this.sleep(this.options.gatherMs, { nudgeable: false });
          continue;
        }
        await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        failures++;
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** failures);
        this.options.logger.warn(
          { err: (error as Error).message, retryInMs: delay },
          this.options.what,
        );
        await this.sleep(delay);
      }
    }
  }

  /** Until `ms` pass, stop() is called or — unless gathering — a commit nudges. */
  private sleep(ms: number, { nudgeable = true } = {}): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        if (nudgeable || !this.running) done();
      };
    });
  }
}
