#!/usr/bin/env node
// bench/statistics: (1) dashboard queries — the three rates for a city over a year, by month and
// by county — on N synthetic cases through the service's own query code over the daily roll-ups,
// against the naive GROUP BY over the raw facts in the same run; (2) the ingest rate of events
// into the read models, one transaction per event with its inbox row, as the consumers apply them.
// Usage: node bench/statistics/run.mjs [--cases 1000000] [--runs 40] [--ingest-cases 1000]
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { REPO_ROOT, ensureBackingServices } from '../../tools/dev/backing-services.mjs';
import {
  BUILD_ROLLUP,
  GENERATE_FACTS,
  NAIVE_BY_COUNTY,
  NAIVE_BY_MONTH,
} from './generate-facts.sql.mjs';
import {
  copyDatabase,
  databaseUrl as databaseUrlOf,
  dropDatabase,
  ensureTemplate,
  templateSession,
} from '../template-database.mjs';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '40' },
    'ingest-cases': { type: 'string', default: '1000' },
    // Keep this run's database (bench_<time>_statistics) to look at afterwards.
    keep: { type: 'boolean', default: false },
  },
});
const CASES = Number(values.cases);
const RUNS = Number(values.runs);
const SCHEMA = 'bench_statistics';
const CITY = '510100';
const log = (...a) => console.error('[bench:statistics]', ...a);

// bench/run.mjs builds every project once before the first benchmark.
if (!process.env.BENCH_SKIP_BUILD) {
  execFileSync(
    'npx',
    [
      'swc',
      './src',
      '-d',
      './dist',
      '--strip-leading-paths',
      '--config-file',
      '../../.swcrc',
      '--ignore',
      '**/*.spec.ts',
      '--quiet',
    ],
    {
      cwd: `${REPO_ROOT}/apps/statistics`,
      stdio: 'inherit',
    },
  );
}
const backing = await ensureBackingServices({ log });
const { runServiceMigrations, serviceDataSourceOptions } = await import('@minsheng/persistence');
const { DIVISION_TABLE } = await import('@minsheng/domain');
const dist = `${REPO_ROOT}/apps/statistics/dist`;
const { entities, migrations } = await import(`${dist}/schema.js`);
const { StatisticsQueries } = await import(`${dist}/measures/statistics-queries.js`);
const { ReadModelRouter } = await import(`${dist}/read-model/read-model-router.js`);
const counties = DIVISION_TABLE.map(([c]) => c).filter(
  (c) => c.startsWith('51') && !c.endsWith('00'),
);

// The facts and roll-ups go into a template database once; each run measures on a copy of it
// (bench/template-database.mjs).
const session = templateSession();
const template = session.name(`statistics_${CASES}`);
const database = `bench_${Date.now().toString(36)}_statistics`;
const server = new pg.Client({ connectionString: backing.databaseUrl });
await server.connect();

async function buildFacts(url) {
  await runServiceMigrations({
    url,
    schema: SCHEMA,
    entities,
    migrations,
    applicationName: 'bench',
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${SCHEMA}`);
    let t = performance.now();
    const CHUNK = 1_000_000;
    for (let start = 1; start <= CASES; start += CHUNK) {
      await client.query(GENERATE_FACTS, [counties, Math.min(CHUNK, CASES - start + 1), start]);
      log(`facts ${Math.min(start + CHUNK - 1, CASES)} / ${CASES}`);
    }
    const generateSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    await client.query(BUILD_ROLLUP);
    const rollupSeconds = (performance.now() - t) / 1000;
    await client.query('ANALYZE case_fact; ANALYZE case_rollup_daily');
    return {
      generateSeconds: Math.round(generateSeconds),
      rollupSeconds: Math.round(rollupSeconds),
    };
  } finally {
    await client.end();
  }
}

const {
  info: { generateSeconds, rollupSeconds },
} = await ensureTemplate({
  server,
  serverUrl: backing.databaseUrl,
  name: template,
  build: buildFacts,
  log,
});
const copySeconds = await copyDatabase(server, template, database);
const databaseUrl = databaseUrlOf(backing.databaseUrl, database);
const admin = new pg.Client({ connectionString: databaseUrl });
let dataSource;
try {
  await admin.connect();
  await admin.query(`SET search_path TO ${SCHEMA}`);
  const [{ rollups }] = (
    await admin.query('SELECT count(*)::int AS rollups FROM case_rollup_daily')
  ).rows;
  const [{ city }] = (
    await admin.query('SELECT count(*)::int AS city FROM case_fact WHERE city_code = $1', [CITY])
  ).rows;
  log(
    `${CASES} facts generated in ${generateSeconds} s, ${rollups} roll-up rows in ${rollupSeconds} s; ${city} in ${CITY}; copied in ${copySeconds} s`,
  );

  // --- dashboard queries ------------------------------------------------------------------------
  dataSource = new DataSource({
    ...serviceDataSourceOptions({
      url: databaseUrl,
      schema: SCHEMA,
      entities,
      migrations,
      applicationName: 'bench',
    }),
    logging: false,
  });
  await dataSource.initialize();
  // A province instance with no child instances: every division counts from its own facts.
  const queries = new StatisticsQueries(dataSource, {
    self: '510000',
    children: [],
    reportIntervalMs: 0,
  });
  const scope = {
    divisionCode: CITY,
    fromDay: '2025-01-01',
    toDay: '2026-01-01',
    endDay: '2026-01-01',
  };
  const from = new Date('2025-01-01T00:00:00+08:00');
  const to = new Date('2026-01-01T00:00:00+08:00');

  async function measure(name, fn, runs, warmUps = 3) {
    for (let i = 0; i < warmUps; i += 1) await fn();
    const times = [];
    for (let i = 0; i < runs; i += 1) {
      const s = performance.now();
      await fn();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const p = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
    const result = {
      name,
      runs,
      p50: +p(0.5).toFixed(1),
      p95: +p(0.95).toFixed(1),
      max: +times.at(-1).toFixed(1),
    };
    log(JSON.stringify(result));
    return result;
  }
  const results = [
    await measure('rates by month (roll-ups)', () => queries.rates(scope, 'month'), RUNS),
    await measure('rates by county (roll-ups)', () => queries.rates(scope, 'division'), RUNS),
    await measure(
      'naive by month (raw facts)',
      () => admin.query(NAIVE_BY_MONTH, [CITY]),
      Math.max(5, Math.floor(RUNS / 8)),
      // One warm-up: each is a full scan of the facts (seconds at 1 M); the first reads the pages in.
      1,
    ),
    await measure(
      'naive by county (raw facts)',
      () => admin.query(NAIVE_BY_COUNTY, [CITY, from, to]),
      Math.max(5, Math.floor(RUNS / 8)),
      1,
    ),
  ];
  // The two ways agree (the conclusion rate of the year by county).
  const fast = await queries.rates(scope, 'division');
  const naive = (await admin.query(NAIVE_BY_COUNTY, [CITY, from, to])).rows;
  const sum = (k) => naive.reduce((a, r) => a + Number(r[k]), 0);
  log(
    `agree: roll-ups ${JSON.stringify(fast.total.onTimeConclusion)} vs naive ${sum('concluded_on_time')}/${sum('conclude_denominator')}`,
  );

  // --- ingest -----------------------------------------------------------------------------------
  const router = new ReadModelRouter();
  const INGEST = Number(values['ingest-cases']);
  const events = [];
  for (let i = 0; i < INGEST; i += 1) {
    const caseId = randomUUID();
    const division = counties[i % counties.length];
    const reg = new Date(Date.parse('2026-02-01T02:00:00Z') + i * 60_000);
    const deadlines = (concludeBy) => ({
      routeBy: new Date(reg.getTime() + 15 * 864e5).toISOString(),
      acceptBy: new Date(reg.getTime() + 15 * 864e5).toISOString(),
      objectBy: null,
      reportBy: null,
      concludeBy,
      reviewRequestBy: null,
      reviewDecideBy: null,
      reexaminationRequestBy: null,
      reexaminationDecideBy: null,
    });
    const base = {
      caseId,
      petitionNumber: `B${i}`,
      sourceComplaintId: null,
      divisionCode: division,
    };
    const env = (type, data, at) => ({
      eventId: randomUUID(),
      type,
      occurredAt: at.toISOString(),
      divisionCode: division,
      correlationId: 'bench',
      data,
    });
    const accepted = new Date(reg.getTime() + 3 * 864e5);
    const concludeBy = new Date(accepted.getTime() + 60 * 864e5).toISOString();
    const change = (status, at, cb) => ({
      ...base,
      status,
      previousStatus: 'registered',
      at: at.toISOString(),
      actorOrganId: 'o',
      leadOrganId: 'o',
      coHandlingOrganIds: [],
      deadlines: deadlines(cb),
      currentDeadline: null,
      notices: [],
      missedDeadlines: [],
    });
    events.push(
      env(
        'petition.case.registered',
        {
          ...base,
          kind: 'appeal',
          channel: 'online',
          registeredAt: reg.toISOString(),
          status: 'registered',
          categoryCode: '0101',
          registeringOrganId: 'x',
          deadlines: deadlines(null),
          repeatOfCaseId: null,
        },
        reg,
      ),
    );
    events.push(
      env(
        'petition.case.accepted',
        {
          ...change('accepted', accepted, concludeBy),
          acceptedAt: accepted.toISOString(),
        },
        accepted,
      ),
    );
    const concluded = new Date(accepted.getTime() + 20 * 864e5);
    events.push(
      env(
        'petition.case.concluded',
        {
          ...change('concluded', concluded, concludeBy),
          concludedAt: concluded.toISOString(),
          summary: null,
        },
        concluded,
      ),
    );
  }
  let t = performance.now();
  for (const e of events) {
    await dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO inbox (consumer, event_id, subject) VALUES ('bench', $1, $2)`, [
        e.eventId,
        e.type,
      ]);
      await router.apply(tx, e);
    });
  }
  const ingestSeconds = (performance.now() - t) / 1000;
  const ingestRate = Math.round(events.length / ingestSeconds);
  // Bare baseline: the inbox row alone, one transaction per event.
  t = performance.now();
  for (const e of events) {
    await dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO inbox (consumer, event_id, subject) VALUES ('baseline', $1, $2)`,
        [e.eventId, e.type],
      );
    });
  }
  const baselineRate = Math.round(events.length / ((performance.now() - t) / 1000));
  log(
    `ingest: ${ingestRate} events/s into facts + roll-ups (bare inbox transaction: ${baselineRate}/s)`,
  );

  console.log(
    JSON.stringify(
      {
        machine: {
          cpus: cpus().length,
          model: cpus()[0]?.model,
          memGiB: Math.round(totalmem() / 2 ** 30),
        },
        cases: CASES,
        cityCases: city,
        rollupRows: rollups,
        generateSeconds,
        rollupSeconds,
        copySeconds,
        queries: results,
        ingest: {
          events: events.length,
          perSecond: ingestRate,
          baselinePerSecond: baselineRate,
        },
      },
      null,
      2,
    ),
  );
} finally {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await admin.end().catch(() => undefined);
  if (!values.keep) await dropDatabase(server, database);
  if (!session.keep) await dropDatabase(server, template);
  await server.end();
}
