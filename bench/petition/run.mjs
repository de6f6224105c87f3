#!/usr/bin/env node
// bench/petition: (1) worklist latency on 1 million cases, (2) workflow actions/s
// (accept → reply → conclude over HTTP), (3) one supervision scan over 1 million open cases of
// which 1 % are due — each against a bare baseline (the same SQL without the service) in the
// same run, so the results are ratios as well as figures. Each run measures on its own copy of a
// template database (see `main`), built once per `npm run bench`.
// Usage: node bench/petition/run.mjs [--cases 1000000] [--workflow-cases 600] [--concurrency 8]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { importPKCS8, SignJWT } from 'jose';
import pg from 'pg';
import { REPO_ROOT, ensureBackingServices, freePort } from '../../tools/dev/backing-services.mjs';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  devSecretsEnv,
  readDevPrivateKey,
} from '../../tools/dev/dev-keys.mjs';
import { DEPLOYED_SETTINGS, SERVICES, nx, serviceNodeOptions } from '../../tools/dev/workspace.mjs';
import {
  copyDatabase,
  databaseUrl,
  dropDatabase,
  ensureTemplate,
  templateSession,
} from '../template-database.mjs';
import { dropNamespaceStreams } from '../nats-streams.mjs';

// The service runs as it is deployed, heap cap included; BENCH_SERVICE_NODE_OPTIONS='' runs it
// uncapped, to measure what the cap costs.
const SERVICE_NODE_OPTIONS =
  process.env.BENCH_SERVICE_NODE_OPTIONS ??
  serviceNodeOptions(SERVICES.find((s) => s.name === 'petition'));
// Extra node flags for the service only (V8 refuses some, e.g. --cpu-prof, in NODE_OPTIONS).
const SERVICE_NODE_ARGS = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
import { GENERATE_CASES } from './generate-cases.sql.mjs';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    'workflow-cases': { type: 'string', default: '600' },
    concurrency: { type: 'string', default: '8' },
    'worklist-requests': { type: 'string', default: '1600' },
  },
});
const CASES = Number(values.cases);
const WORKFLOW_CASES = Number(values['workflow-cases']);
const CONCURRENCY = Number(values.concurrency);
const WORKLIST_REQUESTS = Number(values['worklist-requests']);
const log = (line) => process.stderr.write(`[bench] ${line}\n`);
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- helpers

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(latencies, elapsedMs) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (v) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    requests: sorted.length,
    perSecond: Math.round((sorted.length / elapsedMs) * 1000),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? null),
  };
}

/** Runs `work(i)` for i in 0..n-1 with `concurrency` in flight; returns per-call latencies. */
async function pool(n, concurrency, work) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await work(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, elapsedMs: performance.now() - started };
}

async function waitForHttp(url) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

function runNode(script, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [script], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

/**
 * Runs `fill` with the table's plain indexes dropped and builds them again afterwards, from their
 * own definitions: a bulk build sorts once instead of inserting a million times into each of
 * twenty indexes. Indexes behind constraints (primary key, unique) stay, so `fill` is checked.
 */
async function withIndexesBuiltAfter(db, table, fill) {
  const { rows: indexes } = await db.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
      WHERE i.indrelid = $1::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [table],
  );
  for (const { name } of indexes) await db.query(`DROP INDEX ${name}`);
  await fill();
  // Two at a time: one per core.
  const queue = [...indexes];
  await Promise.all(
    [0, 1].map(async () => {
      const client = await db.connect();
      try {
        await client.query(`SET maintenance_work_mem = '256MB'`);
        for (let index = queue.shift(); index; index = queue.shift()) {
          await client.query(index.definition);
        }
      } finally {
        client.release();
      }
    }),
  );
}

// ---------------------------------------------------------------- the run

/**
 * The database a run measures on: a copy of a template holding the migrated schema, the generated
 * cases and the workflow's cases registered and transferred through the service. Building the
 * template is most of a run's time (the 1,000,000-row insert, the indexes, registering cases that
 * one county's number counter serialises), and none of it is measured; copying it takes seconds
 * (bench/template-database.mjs: one template per `npm run bench` session).
 */
async function main() {
  const backing = await ensureBackingServices({ log });
  const secrets = await devSecretsEnv();
  if (!process.env.BENCH_SKIP_BUILD) {
    log('building petition');
    await nx(['run', 'petition:build', '--output-style=static'], {
      env: { ...process.env, NX_TUI: 'false' },
      stdio: ['ignore', 2, 2],
    });
  }
  const suffix = Date.now().toString(36);
  const session = templateSession();
  const template = session.name(`petition_${CASES}c${WORKFLOW_CASES}w`);
  const database = `bench_${suffix}_petition`;
  const admin = new pg.Client({ connectionString: backing.databaseUrl });
  await admin.connect();
  const key = await importPKCS8(readDevPrivateKey(), 'ES256');
  const token = (role, division, organ) =>
    new SignJWT({ roles: [role], division, ...(organ ? { organ } : {}) })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
      .setSubject(`bench-${role}-${organ ?? division}`)
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('2h')
      .sign(key);
  const tokens = {
    clerk: await token('clerk', '510104', '510104-xfj'),
    handler: await token('handler', '510104', '510104-zjj'),
    city: await token('supervisor', '510100'),
  };
  const envFor = (name, namespace) => ({
    DATABASE_URL: databaseUrl(backing.databaseUrl, name),
    NATS_URL: backing.natsUrl,
    REDIS_URL: backing.redisUrl,
    ...secrets,
    NATS_NAMESPACE: namespace,
    DB_SCHEMA: SCHEMA,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    HTTP_HOST: '127.0.0.1',
    // The scan is measured on its own (part 3), not left to run in the background.
    SUPERVISION_SCAN_INTERVAL_MS: '0',
    // The setup registers a thousand similar cases in one county in a minute; grouping them all
    // as one collective petition would measure the grouping, not the workflow.
    COLLECTIVE_MIN_PETITIONERS: '1000',
  });

  const report = {
    machine: `${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    postgres: (await admin.query('SHOW server_version')).rows[0].server_version,
    loadAverageAtStart: Math.round(loadavg()[0] * 10) / 10,
    settings: {
      cases: CASES,
      workflowCases: WORKFLOW_CASES,
      concurrency: CONCURRENCY,
      worklistRequests: WORKLIST_REQUESTS,
    },
  };
  const namespace = `bench${suffix}`;
  let running;
  let db;
  try {
    const built = await ensureTemplate({
      server: admin,
      serverUrl: backing.databaseUrl,
      name: template,
      build: (url) => buildDataset(url, envFor(template, `${namespace}t`), tokens),
      log,
    });
    log(`copying ${template} for this run`);
    report.dataset = {
      ...built.info,
      templateBuiltThisRun: built.builtNow,
      copySeconds: await copyDatabase(admin, template, database),
    };
    log(`dataset ${JSON.stringify(report.dataset)}`);

    const env = envFor(database, namespace);
    db = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: CONCURRENCY + 2,
      options: `-c search_path=${SCHEMA},public`,
    });
    const numbers = (
      await db.query('SELECT petition_number FROM bench_workflow_case ORDER BY position')
    ).rows.map((r) => r.petition_number);
    running = await startPetition(env, report);

    // ------------------------------------------------------------ 1. worklists
    report.worklist = await benchWorklists(db, running.http, tokens);

    // ------------------------------------------------------------ 2. workflow actions
    report.workflow = await benchWorkflow(db, running.http, tokens, numbers);

    await running.stop();
    running = undefined;

    // ------------------------------------------------------------ 3. supervision scan
    report.supervisionScan = await benchScan(db, env);
  } catch (error) {
    log(`failed: ${error.stack ?? error.message}`);
    process.exitCode = 1;
  } finally {
    if (running) await running.stop();
    await db?.end();
    await dropDatabase(admin, database).catch((e) => log(e.message));
    if (!session.keep || process.exitCode) {
      await dropDatabase(admin, template).catch((e) => log(e.message));
    }
    await admin.end();
    await dropNamespaceStreams(backing.natsUrl, namespace).catch((e) =>
      log(`streams: ${e.message}`),
    );
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

const SCHEMA = 'bench_petition';

/**
 * The text-analyser and petition, as deployed, on `env`'s database; `http` sends a request as
 * a client would: one the service sheds (503 while its event loop lags, 429) is sent again after
 * a pause and counted in `report.shedRequests`, so that on a busy machine setup does not fail on
 * one.
 */
async function startPetition(env, report) {
  const analyserService = SERVICES.find((s) => s.name === 'text-analyser');
  const analyserPort = await freePort();
  const analyser = spawn('node', [join('apps', 'text-analyser', 'dist', 'main.js')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...env,
      TEXT_ANALYSER_PORT: String(analyserPort),
      NODE_OPTIONS: serviceNodeOptions(analyserService),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const port = await freePort();
  const service = spawn(
    'node',
    [...SERVICE_NODE_ARGS, join('apps', 'petition', 'dist', 'main.js')],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...env,
        ...DEPLOYED_SETTINGS.petition,
        PETITION_PORT: String(port),
        NODE_OPTIONS: SERVICE_NODE_OPTIONS,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stopBoth = async () => {
    await stop(service);
    await stop(analyser);
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`http://127.0.0.1:${analyserPort}/health/ready`);
    await waitForHttp(`${base}/health/ready`);
  } catch (error) {
    await stopBoth();
    throw error;
  }
  report.shedRequests ??= 0;
  const http = async (method, path, bearer, body) => {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await response.json();
      if ((response.status === 503 || response.status === 429) && attempt < 10) {
        report.shedRequests++;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        continue;
      }
      if (response.status >= 300)
        throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    }
  };
  return { http, stop: stopBoth };
}

/**
 * Builds the template at `url`: migrated, filled with `CASES` generated cases, and holding
 * 2 × `WORKFLOW_CASES` + `WARM_UP_CASES` cases registered and transferred through the service
 * (their numbers in `bench_workflow_case`). Returns what the run reports about the dataset.
 */
async function buildDataset(url, env, tokens) {
  log(`migrating ${url.split('/').pop()}`);
  await runNode(join('apps', 'petition', 'dist', 'migrate.js'), env);
  const { DIVISION_TABLE } = await import(join(REPO_ROOT, 'libs', 'domain', 'dist', 'index.js'));
  const counties = DIVISION_TABLE.map(([code]) => code).filter(
    (c) => c.startsWith('51') && !c.endsWith('00'),
  );
  const db = new pg.Pool({
    connectionString: url,
    max: CONCURRENCY + 2,
    options: `-c search_path=${SCHEMA},public`,
  });
  try {
    log(`generating ${CASES} cases in one INSERT … SELECT generate_series`);
    let t = performance.now();
    await withIndexesBuiltAfter(db, 'petition_case', () =>
      db.query(GENERATE_CASES, [counties, CASES]),
    );
    await db.query('ANALYZE petition_case');
    const [stats] = (
      await db.query(`SELECT count(*)::int AS cases, count(*) FILTER (WHERE division_code = '510104')::int AS jinjiang,
        count(*) FILTER (WHERE division_code LIKE '5101%')::int AS chengdu,
        count(*) FILTER (WHERE next_alert_at <= now())::int AS due,
        pg_size_pretty(pg_total_relation_size('petition_case')) AS size FROM petition_case`)
    ).rows;
    const dataset = {
      ...stats,
      counties: counties.length,
      generateSeconds: Math.round((performance.now() - t) / 100) / 10,
    };
    const service = await startPetition(env, {});
    try {
      t = performance.now();
      const numbers = await registerWorkflowCases(service.http, tokens);
      await drainOutbox(db);
      dataset.workflowSetupSeconds = Math.round((performance.now() - t) / 100) / 10;
      await db.query(
        'CREATE TABLE bench_workflow_case (position int PRIMARY KEY, petition_number text)',
      );
      await db.query(
        `INSERT INTO bench_workflow_case SELECT n, number FROM unnest($1::text[]) WITH ORDINALITY AS u(number, n)`,
        [numbers],
      );
    } finally {
      await service.stop();
    }
    return dataset;
  } finally {
    await db.end();
    await dropNamespaceStreams(env.NATS_URL, env.NATS_NAMESPACE).catch((e) =>
      log(`streams: ${e.message}`),
    );
  }
}

async function drainOutbox(db) {
  for (;;) {
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
    );
    if (rows[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------- 1. worklists

/** The worklists a county and a city open all day; each with the SQL the service runs for it. */
function worklistQueries(cursor) {
  const now = () => new Date();
  const soon = () => new Date(Date.now() + 3 * DAY_MS);
  const cols = `id, petition_number, kind, channel, title, division_code, status, petitioner_name, registered_at,
    lead_organ_id, next_deadline_kind, next_deadline_at, backlog_flagged_at, repeat_of_case_id, collective_group_id`;
  const sortAt = (c) =>
    `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_at`;
  const byTime = `ORDER BY registered_at DESC, id DESC LIMIT 21`;
  return [
    {
      name: 'county, newest first',
      who: 'clerk',
      path: '/api/v1/cases',
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE division_code = $1 ${byTime}`,
        () => ['510104'],
      ],
    },
    {
      name: 'county, page 3 by cursor',
      who: 'clerk',
      path: `/api/v1/cases?cursor=${cursor.token}`,
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE division_code = $1
               AND (registered_at, id) < ($2::timestamptz, $3::uuid) ${byTime}`,
        () => ['510104', cursor.at, cursor.id],
      ],
    },
    {
      name: 'county, status filter',
      who: 'clerk',
      path: '/api/v1/cases?status=accepted,extension-requested',
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE division_code = $1
               AND status = ANY($2::text[]) ${byTime}`,
        () => ['510104', ['accepted', 'extension-requested']],
      ],
    },
    {
      name: 'mine (clerk of the county office)',
      who: 'clerk',
      path: '/api/v1/cases?view=mine',
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE acting_parties && $1::text[] ${byTime}`,
        () => [['510104-xfj:clerk']],
      ],
    },
    {
      name: 'organ (lead organ)',
      who: 'handler',
      path: '/api/v1/cases?view=organ',
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE lead_organ_id = $1 ${byTime}`,
        () => ['510104-zjj'],
      ],
    },
    {
      name: 'due soon',
      who: 'clerk',
      path: '/api/v1/cases?view=due-soon',
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE division_code = $1
               AND next_deadline_at BETWEEN $2 AND $3 ${byTime}`,
        () => ['510104', now(), soon()],
      ],
    },
    {
      name: 'overdue, by deadline',
      who: 'clerk',
      path: '/api/v1/cases?view=overdue&sort=deadline',
      sql: [
        `SELECT ${cols}, ${sortAt('next_deadline_at')} FROM petition_case WHERE division_code = $1
               AND next_deadline_at < $2 ORDER BY next_deadline_at ASC NULLS LAST, id ASC LIMIT 21`,
        () => ['510104', now()],
      ],
    },
    {
      name: 'city (all of Chengdu)',
      who: 'city',
      path: '/api/v1/cases',
      sql: [
        `SELECT ${cols}, ${sortAt('registered_at')} FROM petition_case WHERE division_code BETWEEN $1 AND $2 ${byTime}`,
        () => ['510100', '510199'],
      ],
    },
  ];
}

async function benchWorklists(db, http, tokens) {
  // A cursor two pages deep into the county's list, as a clerk paging on would hold.
  let page = await http('GET', '/api/v1/cases?limit=20', tokens.clerk);
  page = await http('GET', `/api/v1/cases?limit=20&cursor=${page.nextCursor}`, tokens.clerk);
  const decoded = JSON.parse(Buffer.from(page.nextCursor, 'base64url').toString('utf8'));
  const queries = worklistQueries({ token: page.nextCursor, at: decoded[0], id: decoded[1] });

  const plans = {};
  for (const q of queries) {
    const [sql, params] = q.sql;
    const { rows } = await db.query(`EXPLAIN ${sql}`, params());
    plans[q.name] = rows
      .map((r) => r['QUERY PLAN'])
      .find((line) => /Index|Bitmap|Seq Scan/.test(line))
      ?.trim();
  }
  log('worklists: warm-up');
  for (let i = 0; i < queries.length * 10; i++) {
    const q = queries[i % queries.length];
    await http('GET', q.path, tokens[q.who]);
    await db.query(q.sql[0], q.sql[1]());
  }
  log(`worklists: ${WORKLIST_REQUESTS} requests through the service, then the same SQL bare`);
  const perQuery = Object.fromEntries(queries.map((q) => [q.name, { service: [], baseline: [] }]));
  const service = await pool(WORKLIST_REQUESTS, CONCURRENCY, async (i) => {
    const q = queries[i % queries.length];
    const t = performance.now();
    await http('GET', q.path, tokens[q.who]);
    perQuery[q.name].service.push(performance.now() - t);
  });
  const baseline = await pool(WORKLIST_REQUESTS, CONCURRENCY, async (i) => {
    const q = queries[i % queries.length];
    const t = performance.now();
    await db.query(q.sql[0], q.sql[1]());
    perQuery[q.name].baseline.push(performance.now() - t);
  });
  const s = summary(service.latencies, service.elapsedMs);
  const b = summary(baseline.latencies, baseline.elapsedMs);
  return {
    service: s,
    baseline: b,
    p99Ratio: Math.round((s.p99Ms / b.p99Ms) * 10) / 10,
    byQuery: Object.fromEntries(
      Object.entries(perQuery).map(([name, v]) => [
        name,
        {
          serviceP99Ms: summary(v.service, 1).p99Ms,
          baselineP99Ms: summary(v.baseline, 1).p99Ms,
          plan: plans[name],
        },
      ]),
    ),
  };
}

// ---------------------------------------------------------------- 2. workflow

const PLACES = [
  '春熙路',
  '盐市口',
  '东大街',
  '合江亭',
  '牛市口',
  '水井坊',
  '九眼桥',
  '书院街',
  '督院街',
  '双桂路',
  '沙河堡',
  '成龙路',
  '狮子山',
];
const MATTERS = [
  ['电梯故障', '小区电梯经常故障，物业拖着不修'],
  ['道路积水', '门口道路坑洼不平，下雨积水严重'],
  ['噪音扰民', '工地夜间施工噪音很大，无法休息'],
  ['油烟直排', '楼下餐馆油烟直排，楼上不敢开窗'],
  ['停车收费', '小区停车费突然上涨一倍，没有公示'],
  ['垃圾清运', '垃圾站好几天没人清运，臭气熏天'],
  ['违章搭建', '楼顶有人违章搭建彩钢房，存在安全隐患'],
];

/**
 * The service takes its first actions on these: the measured process did not register the cases
 * (the template's did), so its workflow code is compiled on cases not counted.
 */
const WARM_UP_CASES = 40;

/**
 * Registers and transfers 2 × WORKFLOW_CASES cases and WARM_UP_CASES more (setup, not measured);
 * their numbers.
 */
async function registerWorkflowCases(http, tokens) {
  const total = WORKFLOW_CASES * 2 + WARM_UP_CASES;
  log(`workflow: registering and transferring ${total} cases (setup, not measured)`);
  const numbers = [];
  await pool(total, CONCURRENCY, async (i) => {
    const [what, detail] = MATTERS[i % MATTERS.length];
    const place = PLACES[i % PLACES.length];
    const registered = await http('POST', '/api/v1/cases', tokens.clerk, {
      channel: 'letter',
      kind: 'appeal',
      title: `${place}${what}`,
      content: `锦江区${place}${i}号：${detail}，请有关部门尽快处理。`,
      divisionCode: '510104',
      petitioner: { name: '王小明', idNumber: idNumber(i), phone: '13800001111' },
    });
    await http('POST', `/api/v1/cases/${registered.petitionNumber}/transfer`, tokens.clerk, {
      leadOrganId: '510104-zjj',
    });
    numbers.push(registered.petitionNumber);
  });
  return numbers;
}

async function benchWorkflow(db, http, tokens, numbers) {
  const serviceCases = numbers.slice(0, WORKFLOW_CASES);
  const baselineCases = numbers.slice(WORKFLOW_CASES, WORKFLOW_CASES * 2);
  const warmUpCases = numbers.slice(WORKFLOW_CASES * 2);

  const steps = [
    ['accept', {}],
    [
      'reply',
      { opinion: '经调查核实，已责成物业公司于十五日内完成维修，并由街道办事处跟踪督促。' },
    ],
    ['conclude', { summary: '已按处理意见办结' }],
  ];
  const act = async (petitionNumber, latencies) => {
    for (const [action, body] of steps) {
      const t = performance.now();
      await http('POST', `/api/v1/cases/${petitionNumber}/${action}`, tokens.handler, body);
      latencies?.push(performance.now() - t);
    }
  };
  log(`workflow: warm-up on ${warmUpCases.length} cases`);
  await pool(warmUpCases.length, CONCURRENCY, (i) => act(warmUpCases[i]));
  log(`workflow: accept → reply → conclude on ${WORKFLOW_CASES} cases through the service`);
  await drainOutbox(db);
  const actionLatencies = [];
  const started = performance.now();
  await pool(WORKFLOW_CASES, CONCURRENCY, (i) => act(serviceCases[i], actionLatencies));
  const service = summary(actionLatencies, performance.now() - started);
  const drainStarted = performance.now();
  await drainOutbox(db);
  const outboxDrainMs = Math.round(performance.now() - drainStarted);

  // The bare baseline writes what one action must: the locked row, a timeline entry, the notice
  // (accept, reply), the outbox event (the size the service's are) and an audit record.
  const sample = (
    await db.query(`SELECT envelope FROM outbox WHERE subject = 'petition.case.accepted' LIMIT 1`)
  ).rows[0].envelope;
  const notice = sample.data.notices[0]?.text ?? '';
  log(`workflow: the same three steps as bare SQL transactions on ${WORKFLOW_CASES} other cases`);
  const baselineLatencies = [];
  const baselineStarted = performance.now();
  await pool(WORKFLOW_CASES, CONCURRENCY, async (i) => {
    for (const [action, status, withNotice] of [
      ['accept', 'accepted', true],
      ['reply', 'replied', true],
      ['conclude', 'concluded', false],
    ]) {
      const t = performance.now();
      await bareAction(db, baselineCases[i], action, status, withNotice ? notice : null, sample);
      baselineLatencies.push(performance.now() - t);
    }
  });
  const baseline = summary(baselineLatencies, performance.now() - baselineStarted);
  return {
    service,
    baseline,
    ratio: Math.round((service.perSecond / baseline.perSecond) * 100) / 100,
    outboxDrainAfterLoadMs: outboxDrainMs,
  };
}

function idNumber(i) {
  const body = `510104198${(i % 10).toString()}0101${String(i % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, k) => s + Number(c) * weights[k], 0);
  return body + '10X98765432'[sum % 11];
}

async function bareAction(db, petitionNumber, action, status, notice, sample) {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      'SELECT id, status, division_code FROM petition_case WHERE petition_number = $1 FOR UPDATE',
      [petitionNumber],
    );
    const row = rows[0];
    await client.query(
      `UPDATE petition_case SET status = $2, updated_at = now(), next_deadline_kind = 'concludeBy',
         next_deadline_at = now() + interval '60 days', next_alert_at = now() + interval '57 days',
         acting_parties = $3, deadlines = deadlines
       WHERE id = $1`,
      [row.id, status, status === 'concluded' ? [] : ['510104-zjj:handler']],
    );
    await client.query(
      `INSERT INTO case_timeline_entry (case_id, at, action, actor_id, actor_roles, actor_organ_id, from_status, to_status, details)
       VALUES ($1, now(), $2, 'bench', '{handler}', '510104-zjj', $3, $4, '{}')`,
      [row.id, action, row.status, status],
    );
    if (notice !== null) {
      await client.query(
        `INSERT INTO written_notice (id, case_id, type, title, text, issuing_organ_id, issued_by, issued_at)
         VALUES ($1, $2, 'acceptance', '受理告知书', $3, '510104-zjj', 'bench', now())`,
        [randomUUID(), row.id, notice],
      );
    }
    const envelope = {
      ...sample,
      eventId: randomUUID(),
      data: { ...sample.data, caseId: row.id, status },
    };
    await client.query('INSERT INTO outbox (event_id, subject, envelope) VALUES ($1, $2, $3)', [
      envelope.eventId,
      `bench.${action}`,
      JSON.stringify(envelope),
    ]);
    await client.query(
      `INSERT INTO audit_record (id, at, actor_id, actor_roles, action, outcome, target_type, target_id, division_code, details)
       VALUES ($1, now(), 'bench', '{handler}', $2, 'success', 'petition-case', $3, $4, $5)`,
      [
        randomUUID(),
        `bench.${action}`,
        row.id,
        row.division_code,
        JSON.stringify({ before: row.status, after: status }),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

// ---------------------------------------------------------------- 3. supervision scan

async function benchScan(db, env) {
  await db.query(`CREATE TABLE bench_due AS
    SELECT id, next_alert_at, warned_for, overdue_for FROM petition_case WHERE next_alert_at <= now()`);
  const [{ due, open }] = (
    await db.query(`SELECT (SELECT count(*)::int FROM bench_due) AS due,
       (SELECT count(*)::int FROM petition_case WHERE status NOT IN ('concluded', 'declined', 'routed-to-litigation', 'final', 'reviewed')) AS open`)
  ).rows;
  const plan = (
    await db.query(
      `EXPLAIN SELECT id FROM petition_case WHERE next_alert_at <= now() ORDER BY next_alert_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
    )
  ).rows
    .map((r) => r['QUERY PLAN'])
    .find((line) => /Index|Seq Scan/.test(line))
    ?.trim();

  log(`scan: one pass of the real scanner over ${open} open cases, ${due} due`);
  const { runService } = await import(join(REPO_ROOT, 'libs', 'runtime', 'dist', 'index.js'));
  const { serviceDefinition } = await import(
    join(REPO_ROOT, 'apps', 'petition', 'dist', 'service-definition.js')
  );
  const { SupervisionScanner } = await import(
    join(REPO_ROOT, 'apps', 'petition', 'dist', 'supervision', 'supervision-scanner.js')
  );
  const app = await runService(serviceDefinition, {
    handleSignals: false,
    env: { ...process.env, ...env, PETITION_PORT: '0', LOG_LEVEL: 'silent' },
  });
  let service;
  let idle;
  try {
    const scanner = app.get(SupervisionScanner);
    let t = performance.now();
    const counts = await scanner.scanOnce();
    service = { ms: Math.round(performance.now() - t), ...counts };
    t = performance.now();
    await scanner.scanOnce();
    idle = Math.round((performance.now() - t) * 10) / 10;
  } finally {
    await app.close();
  }

  await db.query(`UPDATE petition_case c SET next_alert_at = d.next_alert_at, warned_for = d.warned_for, overdue_for = d.overdue_for
                    FROM bench_due d WHERE c.id = d.id`);
  log('scan: the same work as bare SQL (claim a batch, write its events, mark it), batch by batch');
  const t = performance.now();
  let claimed = 0;
  for (;;) {
    const { rows } = await db.query(`
      WITH due AS (
        SELECT id, petition_number, division_code, status, lead_organ_id, next_deadline_kind, next_deadline_at
          FROM petition_case WHERE next_alert_at <= now() ORDER BY next_alert_at LIMIT 500 FOR UPDATE SKIP LOCKED
      ), events AS (
        INSERT INTO outbox (event_id, subject, envelope)
        SELECT gen_random_uuid(),
               CASE WHEN next_deadline_at < now() THEN 'bench.overdue' ELSE 'bench.deadline-approaching' END,
               jsonb_build_object('caseId', id, 'petitionNumber', petition_number, 'divisionCode', division_code,
                 'status', status, 'leadOrganId', lead_organ_id, 'deadlineKind', next_deadline_kind, 'dueAt', next_deadline_at)
          FROM due
        RETURNING 1
      )
      UPDATE petition_case c
         SET warned_for = due.next_deadline_kind || '@' || due.next_deadline_at,
             overdue_for = CASE WHEN due.next_deadline_at < now() THEN due.next_deadline_kind || '@' || due.next_deadline_at END,
             next_alert_at = CASE WHEN due.next_deadline_at < now() THEN NULL ELSE due.next_deadline_at + interval '1 millisecond' END
        FROM due WHERE c.id = due.id
      RETURNING c.id`);
    claimed += rows.length;
    if (rows.length < 500) break;
  }
  const baselineMs = Math.round(performance.now() - t);
  return {
    openCases: open,
    dueCases: due,
    service,
    baseline: { ms: baselineMs, claimed },
    ratio: Math.round((baselineMs / service.ms) * 100) / 100,
    secondPassNothingDueMs: idle,
    plan,
  };
}

await main();
