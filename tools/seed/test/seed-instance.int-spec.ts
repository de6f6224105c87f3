import { FieldCipher, LookupHasher, keyringFromEnv } from '@minsheng/crypto';
import { validateResidentIdNumber } from '@minsheng/domain';
import {
  ServiceProcess,
  TestKeys,
  TestSchema,
  backingServices,
  uniqueSuffix,
} from '@minsheng/testing';
import { CachedCalendar } from '../src/cached-calendar.js';
import { isSeeded, seedInstance, type SeedOptions } from '../src/seed-instance.js';

const UNTIL = new Date('2026-11-29T00:00:00Z');

async function migratedInstance(keys: TestKeys) {
  const suffix = uniqueSuffix();
  const env = { ...keys.env(), DATABASE_URL: backingServices().databaseUrl };
  const petition = `t_${suffix}_petition`;
  const intake = `t_${suffix}_intake`;
  await ServiceProcess.migrate('petition', { ...env, DB_SCHEMA: petition });
  await ServiceProcess.migrate('complaint-intake', { ...env, DB_SCHEMA: intake });
  return { petition: await TestSchema.attach(petition), intake: await TestSchema.attach(intake) };
}

describe('seedInstance', () => {
  let keys: TestKeys;
  let a: { petition: TestSchema; intake: TestSchema };
  let b: { petition: TestSchema; intake: TestSchema };
  let options: (schemas: typeof a) => SeedOptions;

  beforeAll(async () => {
    keys = await TestKeys.create();
    [a, b] = await Promise.all([migratedInstance(keys), migratedInstance(keys)]);
    const env = keys.env();
    options = (schemas) => ({
      databaseUrl: backingServices().databaseUrl,
      petitionSchema: schemas.petition.name,
      intakeSchema: schemas.intake.name,
      cases: 1_500,
      batchSize: 400,
      seed: 42,
      division: '510000',
      years: 3,
      until: UNTIL,
      calendar: new CachedCalendar({ mode: 'working-day' }),
      warningDays: 3,
      cipher: new FieldCipher(
        keyringFromEnv(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_ACTIVE_KEY),
      ),
      hasher: new LookupHasher(Buffer.from(env.LOOKUP_HASH_KEY, 'base64')),
    });
    await seedInstance(options(a));
  }, 120_000);

  afterAll(async () => {
    for (const schema of [a.petition, a.intake, b.petition, b.intake]) await schema.drop();
  });

  it('writes every case with its timeline, and every online case as an intake complaint too', async () => {
    expect(await a.petition.count('petition_case')).toBe(1_500);
    expect(await a.petition.count('case_timeline_entry')).toBeGreaterThan(1_500 * 3);
    const online = await a.petition.count('petition_case', `channel = 'online'`);
    expect(await a.intake.count('complaint')).toBe(online);
    const [orphans] = await a.petition.query<{ n: string }>(
      `SELECT count(*) AS n FROM petition_case c WHERE c.lead_organ_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM organ o WHERE o.id = c.lead_organ_id)`,
    );
    expect(Number(orphans.n)).toBe(0);
  });

  it('keeps realistic proportions: about 45 % online, every Sichuan city, most old cases concluded', async () => {
    const online = await a.petition.count('petition_case', `channel = 'online'`);
    expect(online / 1_500).toBeGreaterThan(0.4);
    expect(online / 1_500).toBeLessThan(0.5);
    const [cities] = await a.petition.query<{ n: string }>(
      `SELECT count(DISTINCT left(division_code, 4)) AS n FROM petition_case`,
    );
    expect(Number(cities.n)).toBe(21);
    const old = await a.petition.count('petition_case', `registered_at < $1`, [
      new Date(UNTIL.getTime() - 365 * 86_400_000),
    ]);
    const oldConcluded = await a.petition.count(
      'petition_case',
      `registered_at < $1 AND status IN ('concluded', 'reviewed', 'declined', 'routed-to-litigation')`,
      [new Date(UNTIL.getTime() - 365 * 86_400_000)],
    );
    expect(oldConcluded / old).toBeGreaterThan(0.95);
    expect(await a.petition.count('petition_case', 'overdue_for IS NOT NULL')).toBeGreaterThan(0);
    expect(await a.intake.count('complaint_rating')).toBeGreaterThan(0);
  });

  it('stores personal data only encrypted, and it decrypts to valid ID numbers', async () => {
    const rows = await a.petition.query<{ id: string; enc: string }>(
      `SELECT id, petitioner_id_number_encrypted AS enc FROM petition_case LIMIT 50`,
    );
    const cipher = options(a).cipher;
    for (const row of rows) {
      expect(row.enc).toMatch(/^v1\./);
      expect(validateResidentIdNumber(cipher.decrypt(row.enc)).valid).toBe(true);
    }
  });

  it('makes the same data from the same seed, and counts its petition numbers in the counters', async () => {
    await seedInstance(options(b));
    const first = await a.petition.query(
      `SELECT id, petition_number, status, registered_at FROM petition_case ORDER BY id`,
    );
    const second = await b.petition.query(
      `SELECT id, petition_number, status, registered_at FROM petition_case ORDER BY id`,
    );
    expect(second).toEqual(first);
    const [counter] = await a.petition.query<{ total: string }>(
      `SELECT sum(last_value) AS total FROM petition_number_counter`,
    );
    expect(Number(counter.total)).toBe(1_500);
  });

  it('reports an instance as seeded once it holds seeded cases', async () => {
    expect(await isSeeded(backingServices().databaseUrl, a.petition.name)).toBe(true);
    const empty = await migratedInstance(keys);
    expect(await isSeeded(backingServices().databaseUrl, empty.petition.name)).toBe(false);
    await empty.petition.drop();
    await empty.intake.drop();
  });
});
