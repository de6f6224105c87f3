import { z } from 'zod';
import { EnvValidationError } from '@minsheng/config';
import { loadServiceEnv } from './service-env.js';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/minsheng',
  NATS_URL: 'nats://127.0.0.1:4222',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_PUBLIC_KEY_FILE: '/keys/public.pem',
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  LOOKUP_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
};
const port = { variable: 'PETITION_PORT', fallback: 3102 };

describe('loadServiceEnv', () => {
  it('derives the schema, port and namespace from the service and instance', () => {
    const env = loadServiceEnv(
      'complaint-intake',
      { variable: 'COMPLAINT_INTAKE_PORT', fallback: 3101 },
      {
        ...base,
        INSTANCE_DIVISION: '510104',
      },
    );
    expect(env).toMatchObject({
      DB_SCHEMA: 'complaint_intake',
      port: 3101,
      namespace: 'ms.510104',
    });
  });

  it('reads the service’s own port variable', () => {
    expect(loadServiceEnv('petition', port, { ...base, PETITION_PORT: '4102' }).port).toBe(4102);
  });

  it('takes V8’s heap growth in whole percent when set, and leaves it to the service when not', () => {
    expect(loadServiceEnv('petition', port, base).V8_HEAP_GROWING_PERCENT).toBeUndefined();
    expect(
      loadServiceEnv('petition', port, { ...base, V8_HEAP_GROWING_PERCENT: '0' })
        .V8_HEAP_GROWING_PERCENT,
    ).toBe(0);
    for (const bad of ['-1', '2.5', 'ten', '301']) {
      expect(() =>
        loadServiceEnv('petition', port, { ...base, V8_HEAP_GROWING_PERCENT: bad }),
      ).toThrow(/V8_HEAP_GROWING_PERCENT/);
    }
  });

  it('keeps published outbox rows a week unless told otherwise, and at least a day', () => {
    expect(loadServiceEnv('petition', port, base).OUTBOX_RETENTION_DAYS).toBe(7);
    expect(
      loadServiceEnv('petition', port, { ...base, OUTBOX_RETENTION_DAYS: '30' })
        .OUTBOX_RETENTION_DAYS,
    ).toBe(30);
    for (const bad of ['0', '1.5', 'week', '3651']) {
      expect(() =>
        loadServiceEnv('petition', port, { ...base, OUTBOX_RETENTION_DAYS: bad }),
      ).toThrow(/OUTBOX_RETENTION_DAYS/);
    }
  });

  it('validates a service’s own settings in the same pass', () => {
    const settings = { SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30) };
    expect(loadServiceEnv('petition', port, base, settings).settings).toEqual({
      SESSION_IDLE_MINUTES: 30,
    });
    expect(() =>
      loadServiceEnv('petition', port, { ...base, SESSION_IDLE_MINUTES: '0' }, settings),
    ).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('refuses a keyring whose active key is missing, without echoing any secret', () => {
    const secret = Buffer.alloc(32, 1).toString('base64');
    let message = '';
    try {
      loadServiceEnv('petition', port, {
        ...base,
        FIELD_ENCRYPTION_KEYS: `old:${secret}`,
        FIELD_ENCRYPTION_ACTIVE_KEY: 'new',
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('FIELD_ENCRYPTION_KEYS');
    expect(message).not.toContain(secret);
  });

  it('refuses to start without a way to verify tokens, listing every problem', () => {
    const { AUTH_PUBLIC_KEY_FILE: _, ...withoutKey } = base;
    let error: EnvValidationError | undefined;
    try {
      loadServiceEnv('petition', port, {
        ...withoutKey,
        REDIS_URL: 'http://x',
        PETITION_PORT: 'abc',
      });
    } catch (e) {
      error = e as EnvValidationError;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    expect(error?.issues.map((i) => i.variable).sort()).toEqual([
      'AUTH_PUBLIC_KEY_FILE',
      'PETITION_PORT',
      'REDIS_URL',
    ]);
  });
});
