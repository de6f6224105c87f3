import { PeriodicTask } from './periodic-task.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

function controlledPass() {
  const calls: Array<() => void> = [];
  const pass = () => new Promise<void>((resolve) => calls.push(resolve));
  return { calls, pass };
}

describe('PeriodicTask', () => {
  const logger = { warn: () => undefined };

  it('runs one pass at a time, and once more when woken during a pass', async () => {
    const { calls, pass } = controlledPass();
    const task = new PeriodicTask({ name: 'probe', intervalMs: 60_000, pass, logger });
    task.wake();
    task.wake();
    task.wake();
    expect(calls).toHaveLength(1);
    calls[0]();
    await flush();
    expect(calls).toHaveLength(2);
    calls[1]();
    await flush();
    expect(calls).toHaveLength(2);
    await task.stop();
  });

  it('waits for the pass under way when stopped, and runs no more after', async () => {
    const { calls, pass } = controlledPass();
    const task = new PeriodicTask({ name: 'probe', intervalMs: 60_000, pass, logger });
    task.wake();
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    calls[0]();
    await stopping;
    task.wake();
    expect(calls).toHaveLength(1);
    expect(task.isStopped).toBe(true);
  });

  it('logs a failed pass and keeps going', async () => {
    const warnings: unknown[] = [];
    let attempts = 0;
    const task = new PeriodicTask({
      name: 'probe',
      intervalMs: 60_000,
      pass: async () => {
        attempts++;
        throw new Error('broken');
      },
      logger: { warn: (message: unknown) => warnings.push(message) },
    });
    task.wake();
    await flush();
    task.wake();
    await flush();
    expect(attempts).toBe(2);
    expect(warnings).toEqual([{ err: 'broken' }, { err: 'broken' }]);
    await task.stop();
  });

  it('runs its first pass after firstAfterMs when asked, before the first interval', async () => {
    const { calls, pass } = controlledPass();
    const task = new PeriodicTask({ name: 'probe', intervalMs: 60_000, pass, logger });
    task.start({ firstAfterMs: 10 });
    expect(calls).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toHaveLength(1);
    calls[0]();
    await task.stop();
  });
});
