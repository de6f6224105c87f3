import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvValidationError } from '@minsheng/config';
import { loadServiceEnv } from '@minsheng/runtime';
import { createDeadlineCalendar } from './deadline-calendar.provider.js';
import { petitionSettings } from './petition.settings.js';

const common = {
  DATABASE_URL: 'postgres://u@127.0.0.1:5432/minsheng',
  NATS_URL: 'nats://127.0.0.1:4222',
  REDIS_URL: 'redis://127.0.0.1:6379',
  AUTH_PUBLIC_KEY_FILE: '/dev/null',
  FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  FIELD_ENCRYPTION_ACTIVE_KEY: 'k1',
  LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
};

const load = (env: Record<string, string>) =>
  loadServiceEnv(
    'petition',
    { variable: 'PETITION_PORT', fallback: 3102 },
    { ...common, ...env },
    petitionSettings,
  ).settings;

describe('petition settings', () => {
  it('count working days and warn 3 days ahead unless told otherwise', () => {
    expect(load({})).toMatchObject({
      DEADLINE_MODE: 'working-day',
      SUPERVISION_WARNING_DAYS: 3,
      BACKLOG_THRESHOLD_DAYS: 90,
      REPEAT_WINDOW_DAYS: 180,
      COLLECTIVE_MIN_PETITIONERS: 5,
    });
    expect(load({ DEADLINE_MODE: 'calendar-day' }).DEADLINE_MODE).toBe('calendar-day');
  });

  it('refuse an unknown day-count mode or a negative warning period', () => {
    expect(() => load({ DEADLINE_MODE: 'lunar' })).toThrow(EnvValidationError);
    expect(() => load({ SUPERVISION_WARNING_DAYS: '-1' })).toThrow(/SUPERVISION_WARNING_DAYS/);
  });
});

describe('the deployment calendar', () => {
  const dir = mkdtempSync(join(tmpdir(), 'petition-calendar-'));

  it('loads a later year’s holidays from the overrides file', () => {
    const file = join(dir, 'calendar-2027.json');
    writeFileSync(
      file,
      JSON.stringify({ holidays: ['2027-10-01', '2027-10-04'], workdays: ['2027-09-26'] }),
    );
    const calendar = createDeadlineCalendar({ ...load({}), CALENDAR_OVERRIDES_FILE: file });
    expect(calendar.isWorkingDay('2027-10-04')).toBe(false);
    expect(calendar.isWorkingDay('2027-09-26')).toBe(true);
    expect(calendar.coversYear(2027)).toBe(true);
  });

  it('refuses to start with a malformed or missing overrides file, naming the variable', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ holidays: ['2027-02-30'] }));
    expect(() => createDeadlineCalendar({ ...load({}), CALENDAR_OVERRIDES_FILE: bad })).toThrow(
      /CALENDAR_OVERRIDES_FILE.*2027-02-30/s,
    );
    expect(() =>
      createDeadlineCalendar({ ...load({}), CALENDAR_OVERRIDES_FILE: join(dir, 'none.json') }),
    ).toThrow(EnvValidationError);
  });
});
