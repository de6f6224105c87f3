import { EnvValidationError } from '@minsheng/config';
import { generateKeySecret } from '@minsheng/crypto';
import { loadServiceEnv } from '@minsheng/runtime';
import { videoReceptionConfig, videoReceptionSettings } from './video-reception.settings.js';

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
    'video-reception',
    { variable: 'VIDEO_RECEPTION_PORT', fallback: 3103 },
    { ...base, ...env },
    videoReceptionSettings,
  );

function problemsOf(env: Record<string, string>): string[] {
  try {
    videoReceptionConfig(load(env));
    return [];
  } catch (error) {
    if (!(error instanceof EnvValidationError)) throw error;
    return error.issues.map((issue) => issue.variable);
  }
}

describe('video-reception settings', () => {
  it('default to reminders a day and an hour ahead, five waiting places and calendar-day follow-ups', () => {
    const config = videoReceptionConfig(load({ NODE_ENV: 'test' }));
    expect(config).toMatchObject({
      REMINDER_LEAD_MINUTES: [1440, 60],
      WAITLIST_MAX_PER_SLOT: 5,
      CASE_OWNERSHIP_FOLLOW_UP_DAYS: 15,
      DAY_COUNT_MODE: 'calendar-day',
      JITSI_JWT_ALGORITHM: 'HS256',
      jitsi: { subject: 'meet.minsheng.local' },
      redisPrefix: 'ms.510000:video-reception',
    });
    expect(config.calendar.mode).toBe('calendar-day');
  });

  it('refuse to sign join links outside tests without the provider’s key', () => {
    expect(problemsOf({ NODE_ENV: 'test' })).toEqual([]);
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JITSI_APP_SECRET']);
    expect(problemsOf({ NODE_ENV: 'production', JITSI_JWT_ALGORITHM: 'RS256' })).toEqual([
      'JITSI_PRIVATE_KEY_FILE',
      'JITSI_KEY_ID',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', JITSI_APP_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('list malformed calendar overrides with the other problems', () => {
    expect(
      problemsOf({ NODE_ENV: 'production', CALENDAR_OVERRIDES: '{"holidays":["2027-02-30"]}' }),
    ).toEqual(['CALENDAR_OVERRIDES', 'JITSI_APP_SECRET']);
  });

  it('use the deployment’s holidays in the follow-up calendar', () => {
    const config = videoReceptionConfig(
      load({
        NODE_ENV: 'test',
        DAY_COUNT_MODE: 'working-day',
        CALENDAR_OVERRIDES: '{"holidays":["2027-03-03"]}',
      }),
    );
    expect(config.calendar.isWorkingDay('2027-03-03')).toBe(false);
    expect(config.calendar.addDays(new Date('2027-03-02T10:00:00+08:00'), 1).toISOString()).toBe(
      '2027-03-04T15:59:59.999Z',
    );
  });
});
