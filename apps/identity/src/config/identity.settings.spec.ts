import { EnvValidationError } from '@minsheng/config';
import { generateKeySecret } from '@minsheng/crypto';
import { loadServiceEnv } from '@minsheng/runtime';
import {
  assertProductionSecrets,
  identitySettings,
  type IdentityEnv,
} from './identity.settings.js';

const base = {
  DATABASE_URL: 'postgres://localhost/minsheng',
  NATS_URL: 'nats://localhost:4222',
  REDIS_URL: 'redis://localhost:6379',
  AUTH_PUBLIC_KEY_FILE: '/keys/public.pem',
  FIELD_ENCRYPTION_KEYS: `k1:${generateKeySecret()}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  LOOKUP_HASH_KEY: generateKeySecret(),
};
const load = (env: Record<string, string>) =>
  loadServiceEnv(
    'identity',
    { variable: 'IDENTITY_PORT', fallback: 3107 },
    { ...base, ...env },
    identitySettings,
  );

function problemsOf(env: IdentityEnv): string[] {
  try {
    assertProductionSecrets(env);
    return [];
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    return error.issues.map((issue) => issue.variable);
  }
}

describe('identity settings', () => {
  it('default to 5-minute tokens, 30-minute idle and 8-hour sessions, 5 failures then 15 minutes locked', () => {
    const env = load({ NODE_ENV: 'test' });
    expect(env.port).toBe(3107);
    expect(env.settings).toMatchObject({
      IDENTITY_PUBLIC_URL: 'http://127.0.0.1:3107',
      ACCESS_TOKEN_TTL_SECONDS: 300,
      SESSION_IDLE_TIMEOUT_SECONDS: 1800,
      SESSION_ABSOLUTE_TIMEOUT_SECONDS: 28_800,
      LOGIN_MAX_FAILURES: 5,
      LOGIN_LOCKOUT_MINUTES: 15,
      LOGIN_RATE_LIMIT_PER_MINUTE: 20,
      PASSWORD_MIN_LENGTH: 12,
      PASSWORD_MIN_CHARACTER_CLASSES: 3,
      PASSWORD_HASH_MEMORY_KIB: 19_456,
      PASSWORD_HASH_TIME_COST: 2,
      PASSWORD_HASH_PARALLELISM: 1,
    });
  });

  it('refuse to run outside tests without a signing key file', () => {
    expect(problemsOf(load({ NODE_ENV: 'test' }))).toEqual([]);
    expect(problemsOf(load({ NODE_ENV: 'production' }))).toEqual(['IDENTITY_SIGNING_KEY_FILE']);
    expect(
      problemsOf(load({ NODE_ENV: 'development', IDENTITY_SIGNING_KEY_FILE: '/keys/id.pem' })),
    ).toEqual([]);
  });
});
