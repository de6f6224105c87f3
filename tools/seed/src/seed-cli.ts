// `npm run seed -- --cases 100000 [--seed 1] [--division 510000] [--years 3] [--until 2026-11-30]`
// Reads DATABASE_URL, the instance's field-encryption keys and lookup-hash key, DEADLINE_MODE and
// SUPERVISION_WARNING_DAYS from the environment (tools/seed/seed.mjs supplies the dev ones).
import { parseArgs } from 'node:util';
import { FieldCipher, LookupHasher, keyringFromEnv } from '@minsheng/crypto';
import { isKnownDivision, type DayCountMode } from '@minsheng/domain';
import { CachedCalendar } from './cached-calendar.js';
import { isSeeded, seedInstance } from './seed-instance.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    division: { type: 'string' },
    years: { type: 'string', default: '3' },
    until: { type: 'string' },
    batch: { type: 'string', default: '2000' },
    'if-empty': { type: 'boolean', default: false },
  },
});

const out = (line: string) => process.stdout.write(`[seed] ${line}\n`);
const env = process.env;
const need = (name: string) => {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main() {
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases must be a positive integer');
  const division = values.division ?? env.INSTANCE_DIVISION ?? '510000';
  if (!isKnownDivision(division)) throw new Error(`unknown division ${division}`);
  // Midnight UTC of the day given (today by default): the same seed and day give the same data.
  const until = new Date(`${values.until ?? new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(until.getTime())) throw new Error('--until must be YYYY-MM-DD');
  const databaseUrl = need('DATABASE_URL');
  const petitionSchema = env.PETITION_DB_SCHEMA ?? 'petition';
  const intakeSchema = env.COMPLAINT_INTAKE_DB_SCHEMA ?? 'complaint_intake';
  if (values['if-empty'] && (await isSeeded(databaseUrl, petitionSchema))) {
    out('seeded data already present; nothing to do');
    return;
  }
  const report = await seedInstance({
    databaseUrl,
    petitionSchema,
    intakeSchema,
    cases,
    seed: Number(values.seed),
    division,
    years: Number(values.years),
    until,
    batchSize: Number(values.batch),
    rebuildIndexes: cases >= 200_000,
    calendar: new CachedCalendar({
      mode: (env.DEADLINE_MODE as DayCountMode | undefined) ?? 'working-day',
    }),
    warningDays: Number(env.SUPERVISION_WARNING_DAYS ?? 3),
    cipher: new FieldCipher(
      keyringFromEnv(need('FIELD_ENCRYPTION_KEYS'), need('FIELD_ENCRYPTION_ACTIVE_KEY')),
    ),
    hasher: new LookupHasher(Buffer.from(need('LOOKUP_HASH_KEY'), 'base64')),
    log: out,
  });
  out(
    `${report.cases.toLocaleString('en')} cases (${report.complaints.toLocaleString('en')} online complaints), ` +
      `${report.rows.toLocaleString('en')} rows in ${report.seconds.toFixed(1)} s: ` +
      `${report.rowsPerSecond.toLocaleString('en')} rows/s, ${Math.round(report.cases / report.seconds).toLocaleString('en')} cases/s`,
  );
  for (const sample of report.samples) {
    out(
      `try the public status page: tracking code ${sample.trackingCode}, query code ${sample.queryCode}`,
    );
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[seed] failed: ${error.message}\n`);
  process.exit(1);
});
