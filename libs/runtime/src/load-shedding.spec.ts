import Fastify from 'fastify';
import { shedLoad } from './bootstrap-service.js';
import { GroupCommitWaitExceeded } from '@minsheng/persistence';
import { isDatabaseUnavailable } from './api-exception.filter.js';

const busy = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: what a flood of requests does to a Node process on two cores.
  }
};

/** Keeps the event loop lagging by about `chunkMs` for `totalMs`, as sustained overload does. */
async function lag(totalMs: number, chunkMs = 100): Promise<void> {
  const until = Date.now() + totalMs;
  while (Date.now() < until) {
    busy(chunkMs);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('load shedding', () => {
  it('refuses requests with 503 and Retry-After while the event loop lags, then answers again', async () => {
    const app = Fastify();
    const warnings: { fields: object; message: string }[] = [];
    await shedLoad(
      app,
      { maxEventLoopDelayMs: 50, maxRssBytes: 0 },
      { warn: (fields, message) => warnings.push({ fields, message }) },
    );
    app.get('/work', async () => ({ ok: true }));
    await app.ready();

    expect((await app.inject({ method: 'GET', url: '/work' })).statusCode).toBe(200);
    await lag(700);
    const refused = await app.inject({ method: 'GET', url: '/work' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    // A second refusal within the interval adds no line; the next line counts it.
    await lag(300);
    expect((await app.inject({ method: 'GET', url: '/work' })).statusCode).toBe(503);
    expect(warnings).toEqual([
      {
        fields: { pressure: 'eventLoopDelay', value: expect.any(Number), refused: 1 },
        message: 'requests refused under overload',
      },
    ]);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await app.inject({ method: 'GET', url: '/work' })).statusCode).toBe(200);
    await app.close();
  });

  it('is off when both limits are 0', async () => {
    const app = Fastify();
    await shedLoad(app, { maxEventLoopDelayMs: 0, maxRssBytes: 0 });
    app.get('/work', async () => ({ ok: true }));
    await app.ready();
    await lag(700);
    expect((await app.inject({ method: 'GET', url: '/work' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, a terminated one and Postgres shutting down', () => {
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isDatabaseUnavailable({
        message: 'query failed',
        driverError: {
          code: '57P01',
          message: 'terminating connection due to administrator command',
        },
      }),
    ).toBe(true);
  });

  it('counts contention that outlived the retries (deadlock, serialization failure, lock timeout) as unavailable', () => {
    for (const code of ['40P01', '40001', '55P03', '57014']) {
      expect(
        isDatabaseUnavailable({ message: 'query failed', driverError: { code, message: code } }),
      ).toBe(true);
    }
  });

  it('counts a write that waited too long for its turn in a group commit as unavailable', () => {
    expect(isDatabaseUnavailable(new GroupCommitWaitExceeded(5_000))).toBe(true);
  });

  it('leaves other errors (a constraint, a bug) alone', () => {
    expect(
      isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' })),
    ).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
