import { z } from 'zod';
import { envFields } from './env-fields.js';
import { EnvValidationError } from './env-validation.error.js';
import { loadEnv } from './load-env.js';

const schema = z.object({
  PORT: envFields.port(3000),
  DATABASE_URL: envFields.postgresUrl(),
  NATS_URL: envFields.natsUrls(),
  DEBUG: envFields.flag(false),
});

describe('loadEnv', () => {
  it('applies defaults and coerces values', () => {
    const env = loadEnv(schema, {
      DATABASE_URL: 'postgres://u@h/db',
      NATS_URL: 'nats://a:4222, nats://b:4222',
    });
    expect(env).toEqual({
      PORT: 3000,
      DATABASE_URL: 'postgres://u@h/db',
      NATS_URL: ['nats://a:4222', 'nats://b:4222'],
      DEBUG: false,
    });
  });

  it('lists every violation at once', () => {
    let error: unknown;
    try {
      loadEnv(schema, { PORT: '70000', NATS_URL: 'http://x', DEBUG: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    const variables = (error as EnvValidationError).issues.map((i) => i.variable).sort();
    expect(variables).toEqual(['DATABASE_URL', 'DEBUG', 'NATS_URL.0', 'PORT']);
  });

  it('never echoes the offending value, which may be a secret', () => {
    const secret = 'postgres-but-not-really://admin:hunter2@db/x';
    let message = '';
    try {
      loadEnv(schema, { DATABASE_URL: secret, NATS_URL: 'nats://a' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });
});
