import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DrainLoop } from './drain-loop.js';

/** A loop that records when (by the fake clock) it drained. */
function loopWith(options: { gatherMs?: number; nudgedWhileDraining?: (n: number) => boolean }) {
  const drainedAt: number[] = [];
  const loop: DrainLoop = new DrainLoop({
    drain: async () => {
      drainedAt.push(Date.now());
      // A commit landing while the drain runs.
      if (options.nudgedWhileDraining?.(drainedAt.length)) loop.nudge();
      return 1;
    },
    batchSize: 100,
    pollIntervalMs: 1_000,
    gatherMs: options.gatherMs,
    logger: new Logger('drain-loop.spec'),
    what: 'drain failed',
  });
  return { loop, drainedAt };
}

async function stopLoop(loop: DrainLoop): Promise<void> {
  const stopped = loop.stop();
  await jest.advanceTimersByTimeAsync(0);
  await stopped;
}

describe('DrainLoop', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('drains at once when a commit nudges it after a quiet spell', async () => {
    const { loop, drainedAt } = loopWith({ gatherMs: 50 });
    loop.start();
    await jest.advanceTimersByTimeAsync(300);
    loop.nudge();
    await jest.advanceTimersByTimeAsync(0);
    expect(drainedAt).toEqual([0, 300]);
    await stopLoop(loop);
  });

  it('takes commits that arrive during a drain together, gatherMs after it, however many nudge', async () => {
    // Steady load: every drain sees a commit land while it runs.
    const { loop, drainedAt } = loopWith({ gatherMs: 50, nudgedWhileDraining: () => true });
    loop.start();
    for (let t = 0; t < 160; t += 10) {
      await jest.advanceTimersByTimeAsync(10);
      loop.nudge();
    }
    expect(drainedAt).toEqual([0, 50, 100, 150]);
    await stopLoop(loop);
  });

  it('drains again at once after a nudged drain when nothing asks it to gather', async () => {
    const { loop, drainedAt } = loopWith({ nudgedWhileDraining: (n) => n < 3 });
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(drainedAt).toEqual([0, 0, 0]);
    await stopLoop(loop);
  });

  it('stops during a gather without waiting it out', async () => {
    const { loop, drainedAt } = loopWith({ gatherMs: 10_000, nudgedWhileDraining: () => true });
    loop.start();
    await jest.advanceTimersByTimeAsync(0);
    let stopped = false;
    void loop.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true);
    expect(drainedAt).toEqual([0]);
  });
});
