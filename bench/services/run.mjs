#!/usr/bin/env node
// bench/services: the memory of every service of one instance under a realistic mixed load. All
// seven services (identity, complaint-intake, petition, video-reception, statistics,
// leader-message, exchange-gateway) start as they are deployed — each with the heap limits of
// tools/dev/workspace.mjs (`serviceNodeOptions`), its own schema, one NATS namespace for the
// instance, every service but identity trusting identity's JWKS, as apps/platform-e2e starts the
// platform — and are then driven all at once, for a fixed time, at the paced rates of a busy day:
// citizens' complaint submissions (which flow as events into petition, statistics and the
// gateway), staff sign-ins with password + TOTP and token refreshes, worklists and case files,
// cases registered by hand and handled (routed, accepted, replied, concluded), video-reception
// bookings and reviews and the coming hour's sessions held (check-in, join links, record,
// signature), statistics dashboards and exports, leader-message lists, messages handled to a
// published reply, knowledge searches and Excel workbook imports, and an integrator's change-feed
// and Open311 reads. Per service: idle RSS after start (the baseline), peak RSS under the load
// (VmRSS of its process from /proc every 250 ms), requests served, rate, p50/p99 latency, non-2xx
// and failed counts, and whether the peak is within the target of 200 MB (200 × 10^6 bytes).
// Not part of `npm test`.
//
//   node bench/services/run.mjs [--seconds 30] [--warmup 5] [--intake-rate 10] [--login-rate 1]
//                               [--scale 1] [--import-rows 5000] [--imports 2]
//
// About 72 requests/s in all by default, plus the events they cause and two imports of 5,000
// board messages. 10 complaints/s is the rate two cores keep up with while everything else runs
// (petition registers every complaint within seconds; no 503 but a few from leader-message
// while it parses a workbook); at 100/s this machine saturates: intake sheds load with 503,
// petition falls behind by thousands of events. --scale multiplies every rate but intake's and
// the sign-ins'. Builds the services and tools/seed first; needs Postgres, Redis and NATS
// (tools/dev/backing-services.mjs finds them); schemas, JetStream streams, Redis keys and
// temporary files of its own are removed at the end, also on failure. Exits non-zero only when it
// could not run (a service did not start, or a service answered no request at all) — never
// because a target was missed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { Redis } from 'ioredis';
import { URI } from 'otpauth';
import pg from 'pg';
import {
  ServiceProcess,
  TestKeys,
  TestSchema,
  freePort,
  makeMobileNumber,
  makeResidentIdNumber,
  testNamespace,
  uniqueSuffix,
} from '@minsheng/testing';
import { REPO_ROOT, ensureBackingServices } from '../../tools/dev/backing-services.mjs';
import { dropNamespaceStreams } from '../nats-streams.mjs';
import { CLOCK_TICKS, cpuTicksOf, machineTicks, procStat } from '../proc-stat.mjs';
import { DEPLOYED_SETTINGS, SERVICES, nx, serviceNodeOptions } from '../../tools/dev/workspace.mjs';

const { values: opts } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    'intake-rate': { type: 'string', default: '10' },
    'login-rate': { type: 'string', default: '1' },
    scale: { type: 'string', default: '1' },
    'import-rows': { type: 'string', default: '5000' },
    imports: { type: 'string', default: '2' },
  },
});
const SECONDS = Number(opts.seconds);
const WARMUP = Number(opts.warmup);
const INTAKE_RATE = Number(opts['intake-rate']);
const LOGIN_RATE = Number(opts['login-rate']);
const SCALE = Number(opts.scale);
const IMPORT_ROWS = Number(opts['import-rows']);
const IMPORTS = Number(opts.imports);
const TARGET_BYTES = 200e6;
const IDLE_SECONDS = 3;
const PASSWORD = 'Quiet-River-2026!';
const MIB = 2 ** 20;

// Logs on stderr; the one JSON report on stdout is what bench/run.mjs reads.
const log = (line) => process.stderr.write(`[bench:services] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = performance.now();

// ---------------------------------------------------------------- what the complaints say

// The services as they are built from this checkout, and the seed tool whose matter templates
// (26 topics with realistic weights) and deterministic generator the complaints come from.
// bench/run.mjs builds every project once before the first benchmark.
if (!process.env.BENCH_SKIP_BUILD) {
  await nx(
    [
      'run-many',
      '-t',
      'build',
      '-p',
      'seed',
      ...SERVICES.map((s) => s.name),
      '--output-style=static',
    ],
    { env: { ...process.env, NX_TUI: 'false' }, stdio: ['ignore', 2, 2] },
  );
}
const { MATTERS, PLACES, KIND_WEIGHTS } = await import('../../tools/seed/dist/vocabulary.js');
const { Random } = await import('../../tools/seed/dist/random.js');
const { signedHeaders } =
  await import('../../apps/exchange-gateway/dist/integrator/request-signing.js');
const MATTER_WEIGHTS = MATTERS.map((matter) => [matter, matter.weight]);
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'];
const GIVEN = ['秀英', '建国', '桂兰', '志强', '丽', '伟', '芳', '敏', '军', '洋'];

// The same run sends the same texts.
const random = new Random(20261201);
const rnd = () => random.next();
const pick = (list) => random.pick(list);
const fill = (text, n) => text.replaceAll('{place}', pick(PLACES)).replaceAll('{n}', String(n));

/**
 * The n-th citizen complaint: one of 3,000 petitioners (some come back), Jinjiang or Qingyang
 * (the demo organs' counties), a weighted topic and kind.
 */
function complaint(n) {
  const who = Math.floor(rnd() * 3_000);
  const division = rnd() < 0.6 ? '510104' : '510105';
  const matter = random.weighted(MATTER_WEIGHTS);
  const birth = new Date(Date.UTC(1950, 0, 1) + (who % 15_000) * 86_400_000 * 1.7);
  return {
    petitioner: {
      name: `${SURNAMES[who % SURNAMES.length]}${GIVEN[(who >> 3) % GIVEN.length]}`,
      idNumber: makeResidentIdNumber(
        division,
        birth.toISOString().slice(0, 10).replace(/-/g, ''),
        who % 1000,
      ),
      phone: makeMobileNumber(30_000_000 + who),
    },
    divisionCode: division,
    kind: random.weighted(KIND_WEIGHTS),
    categoryCode: matter.category,
    title: fill(matter.title, 1 + (n % 9)),
    content: fill(matter.content, 1 + (n % 9)),
  };
}

// ---------------------------------------------------------------- HTTP

const UA = 'minsheng-bench-services/1';

/** One request, its body read; the answer as status, ok and the body (text or JSON). */
async function call(
  method,
  url,
  { token, json, body, headers = {}, ip, timeoutMs = 30_000, contentType } = {},
) {
  const h = { 'user-agent': UA, ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  // Trusted from loopback (TRUSTED_PROXIES defaults to `loopback`): the address an ingress in
  // front of the service would report, so per-address limits see many clients, not one.
  if (ip) h['x-forwarded-for'] = ip;
  let payload = body;
  if (json !== undefined) {
    h['content-type'] = 'application/json';
    payload = JSON.stringify(json);
  } else if (contentType) h['content-type'] = contentType;
  const response = await fetch(url, {
    method,
    headers: h,
    body: payload,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    ok: response.status >= 200 && response.status < 300,
    bytes: bytes.length,
    text: () => bytes.toString('utf8'),
    json: () => JSON.parse(bytes.toString('utf8')),
  };
}

/** A setup step: throws with the body unless the status is the expected one. */
async function must(expected, pending, what) {
  const r = await pending;
  if (r.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${r.status} ${r.text().slice(0, 400)}`);
  }
  return r.bytes ? r.json() : undefined;
}

// ---------------------------------------------------------------- the platform

const backing = await ensureBackingServices({ log });
process.env.DATABASE_URL ??= backing.databaseUrl;
process.env.NATS_URL ??= backing.natsUrl;
process.env.REDIS_URL ??= backing.redisUrl;

const suffix = uniqueSuffix();
const namespace = testNamespace();
const dir = mkdtempSync(join(tmpdir(), 'bench-services-'));
const logDir = join(dir, 'logs');
const attachmentDir = join(dir, 'attachments');
const processes = new Map();
const schemas = new Map();
const pids = new Map();
/** Every schema this run migrates (or began to), dropped at the end whether attached or not. */
const schemaNames = new Set();
let migrating;
let stopping = false;
let keys;

function baseEnv() {
  return {
    // Not 'test': the services run with the configuration a developer's `npm run up` gives them.
    NODE_ENV: 'development',
    JITSI_APP_SECRET: 'bench-jitsi-secret-for-join-links-0123456789abcdef',
    DATABASE_URL: process.env.DATABASE_URL,
    NATS_URL: process.env.NATS_URL,
    REDIS_URL: process.env.REDIS_URL,
    NATS_NAMESPACE: namespace,
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '10000',
    ...keys.env(),
  };
}

const envOf = (name) => ({ ...baseEnv(), DB_SCHEMA: schemas.get(name).name });
const url = (name, path) => `${processes.get(name).baseUrl}${path}`;

/**
 * VmRSS and VmHWM of a process in bytes, and VmRSS's two parts: anonymous (the process's own:
 * V8's heap, native allocations) and file-backed (mapped files, mostly the node binary, whose
 * pages every Node process on the machine shares); undefined once the process is gone.
 */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return {
      rss: kib('VmRSS') * 1024,
      hwm: kib('VmHWM') * 1024,
      anon: kib('RssAnon') * 1024,
      file: kib('RssFile') * 1024,
    };
  } catch {
    return undefined;
  }
}

/**
 * Node processes of benchmarks or services that are not this run's (another run on the same
 * machine would skew every figure): `pid command` of each.
 */
function foreignProcesses() {
  const found = [];
  // This process's parents (bench/run.mjs, a shell) are not foreign.
  const ancestors = new Set();
  for (let pid = process.ppid; pid > 1 && !ancestors.has(pid);) {
    ancestors.add(pid);
    const stat = procStat(pid);
    if (!stat) break;
    pid = Number(stat.fields[1]);
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid || ancestors.has(pid) || [...pids.values()].includes(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      if (
        /node\b/.test(cmdline) &&
        /(bench\/|dist\/main\.js|\bnx\b|nx\.js|jest|eslint|tsc|npm)/.test(cmdline)
      ) {
        found.push(`${pid} ${cmdline.trim().slice(0, 120)}`);
      }
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** CPU ticks used so far by the backing servers' processes (all of them, by command name). */
function backingTicks() {
  const groups = { postgres: 0, nats: 0, redis: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (!stat) continue; // gone while we looked
    const group = stat.comm.startsWith('postgres')
      ? 'postgres'
      : stat.comm.startsWith('nats-server')
        ? 'nats'
        : stat.comm.startsWith('redis-server')
          ? 'redis'
          : undefined;
    if (group) groups[group] += Number(stat.fields[11]) + Number(stat.fields[12]);
  }
  return groups;
}

/** Service-specific settings on top of the instance's. */
function settingsOf(name, port) {
  switch (name) {
    case 'complaint-intake':
      // Abuse protection off, exactly as bench/intake: one client sends every complaint.
      return {
        CAPTCHA_REQUIRED: 'false',
        RATE_LIMITS_ENABLED: 'false',
        ATTACHMENT_DIR: attachmentDir,
      };
    case 'identity':
      return { IDENTITY_PUBLIC_URL: `http://127.0.0.1:${port}` };
    default:
      return {};
  }
}

async function startPlatform() {
  keys = await TestKeys.create();
  const taken = new Set();
  const ports = new Map();
  for (const { name } of SERVICES) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports.set(name, port);
  }
  // Migrations three at a time: seven Node processes at once crowd two cores. After a failure
  // (or a signal) no new one starts, and the clean-up waits for those running.
  const queue = SERVICES.filter((service) => !service.stateless);
  migrating = Promise.allSettled(
    Array.from({ length: 3 }, async () => {
      for (let service = queue.shift(); service && !stopping; service = queue.shift()) {
        const schema = `bench_${suffix}_${service.name.replace(/-/g, '_')}`;
        schemaNames.add(schema);
        const env = { ...baseEnv(), DB_SCHEMA: schema };
        try {
          await ServiceProcess.migrate(service.name, env);
        } catch (error) {
          queue.length = 0;
          throw error;
        }
        schemas.set(service.name, await TestSchema.attach(schema));
      }
    }),
  );
  const failed = (await migrating).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  if (stopping) throw new Error('stopped by a signal');
  const identityPort = ports.get('identity');
  for (const service of SERVICES) {
    const port = ports.get(service.name);
    const env = {
      ...baseEnv(),
      ...(service.stateless ? {} : { DB_SCHEMA: schemas.get(service.name).name }),
      ...DEPLOYED_SETTINGS[service.name],
      ...settingsOf(service.name, port),
      [service.portVariable]: String(port),
      // As deployed: the heap caps of tools/dev/workspace.mjs (the manifests use the same). Extra
      // flags for a look inside, e.g. BENCH_SERVICE_NODE_OPTIONS='--heapsnapshot-signal=SIGUSR2'.
      NODE_OPTIONS: [serviceNodeOptions(service), process.env.BENCH_SERVICE_NODE_OPTIONS]
        .filter(Boolean)
        .join(' '),
      // Every service but identity trusts identity's JWKS, as in production.
      ...(service.name === 'identity'
        ? {}
        : { AUTH_JWKS_URL: `http://127.0.0.1:${identityPort}/.well-known/jwks.json` }),
    };
    processes.set(
      service.name,
      new ServiceProcess(service.name, port, env, join(logDir, `${service.name}.log`)),
    );
  }
  // One at a time: Node processes starting together on two cores slow each other down.
  for (const service of SERVICES) {
    const t = performance.now();
    await processes.get(service.name).start();
    const pid = processes.get(service.name).pid;
    pids.set(service.name, pid);
    log(
      `  ${service.name} ready in ${((performance.now() - t) / 1000).toFixed(1)} s (pid ${pid}, ${serviceNodeOptions(service)})`,
    );
  }
}

// ---------------------------------------------------------------- memory, every 250 ms

let phase = 'start';
const samples = new Map(SERVICES.map((s) => [s.name, []]));
const exited = new Set();
const sampler = setInterval(() => {
  for (const [name, pid] of pids) {
    const memory = memoryOf(pid);
    if (memory) samples.get(name).push({ phase, ...memory });
    else if (!exited.has(name)) {
      exited.add(name);
      const last = samples.get(name).at(-1);
      log(
        `${name} (pid ${pid}) is gone during ${phase}, last RSS ${Math.round((last?.rss ?? 0) / MIB)} MiB; the end of its log:\n${tailOf(name, 40)}`,
      );
    }
  }
}, 250);

// ---------------------------------------------------------------- load: streams and figures

let measuring = false;
const figures = new Map();
const errors = new Map();

function figure(service, endpoint) {
  if (!figures.has(service)) figures.set(service, new Map());
  const byEndpoint = figures.get(service);
  if (!byEndpoint.has(endpoint)) {
    byEndpoint.set(endpoint, { latencies: [], non2xx: 0, shed: 0, failed: 0, skipped: 0 });
  }
  return byEndpoint.get(endpoint);
}

/** The first answers of each kind that were not 2xx, on stderr, so a broken stream shows. */
function noteError(stream, kind, detail) {
  const key = `${stream.service} ${stream.name} ${kind}`;
  const n = (errors.get(key) ?? 0) + 1;
  errors.set(key, n);
  if (n <= 2) log(`  ${key}: ${String(detail).slice(0, 300)}`);
}

const inFlight = new Set();

/** One request of a stream: timed from the call to the last byte of the answer. */
function fire(stream) {
  const counted = measuring;
  const f = figure(stream.service, stream.name);
  stream.inFlight = (stream.inFlight ?? 0) + 1;
  const t0 = performance.now();
  const done = (async () => {
    try {
      const r = await stream.request();
      if (r === null) return; // nothing to do yet (no case, no session free …)
      const ms = performance.now() - t0;
      if (counted) {
        f.latencies.push(ms);
        if (!r.ok) f.non2xx++;
        if (r.status === 503) f.shed++;
      }
      if (!r.ok) noteError(stream, r.status, r.text());
    } catch (error) {
      if (counted) f.failed++;
      noteError(stream, 'failed', error.cause?.message ?? error.message);
    } finally {
      stream.inFlight--;
    }
  })();
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
}

/**
 * Paced (open loop): a request every 1/rate seconds whatever the answers take, at most
 * `maxInFlight` at a time — a tick that finds them all busy is skipped and counted.
 */
async function pace(stream, until) {
  if (!(stream.rate > 0)) return;
  const interval = 1000 / stream.rate;
  let due = performance.now() + rnd() * interval;
  while (due < until) {
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if ((stream.inFlight ?? 0) >= (stream.maxInFlight ?? 8)) {
      if (measuring) figure(stream.service, stream.name).skipped++;
    } else fire(stream);
    due += interval;
  }
}

/**
 * A workflow's steps as streams, one each: an item (a case, a booking, a message) waits in the
 * queue of its next step and moves on only when the step answered 2xx, so each step finds the
 * state it needs and no two steps of one item are in flight together. Refused under load (429,
 * 503: nothing was written) it waits for the same step again; any other answer drops it.
 * `steps`: [name, rate, (item) => request] in the workflow's order.
 */
function workflowStreams(service, steps, maxInFlight = 4) {
  const queues = steps.map(() => []);
  const entered = new Set();
  const enter = (key, item) => {
    if (entered.has(key)) return;
    entered.add(key);
    queues[0].push(item);
    if (queues[0].length > 200) queues[0].shift();
  };
  const streams = steps.map(([name, rate, take], i) => ({
    service,
    name,
    rate,
    maxInFlight,
    request: async () => {
      const item = queues[i].shift();
      if (!item) return null;
      const r = await take(item);
      if (r.ok) queues[i + 1]?.push(item);
      else if (r.status === 429 || r.status === 503) queues[i].unshift(item);
      return r;
    },
  }));
  return { streams, enter };
}

/** A workflow step on one item: `POST <item>/<action>` by a staff role. */
function stepOf(service, item) {
  return (who, action, json) =>
    call('POST', url(service, `${item}/${action}`), { token: tokens[who], json });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const round1 = (v) => Math.round(v * 10) / 10;

function summarize(list, seconds) {
  const latencies = list.flatMap((f) => f.latencies).sort((a, b) => a - b);
  const non2xx = list.reduce((s, f) => s + f.non2xx, 0);
  return {
    requests: latencies.length,
    perSecond: round1(latencies.length / seconds),
    p50Ms: round1(percentile(latencies, 50)),
    p99Ms: round1(percentile(latencies, 99)),
    non2xx,
    // Of the non-2xx: 503, refused under overload (load shedding).
    shed503: list.reduce((s, f) => s + f.shed, 0),
    failed: list.reduce((s, f) => s + f.failed, 0),
    skipped: list.reduce((s, f) => s + f.skipped, 0),
  };
}

// ---------------------------------------------------------------- identity: accounts, sessions

const chinaDate = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const totpStep = () => Math.floor(Date.now() / 30_000);

/** The operator's bootstrap command, as the README has an administrator run it. */
function bootstrapAccount(username, role, division) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'apps', 'identity', 'dist', 'cli.js'),
        'create-account',
        '--username',
        username,
        '--role',
        role,
        '--division',
        division,
      ],
      {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          ...envOf('identity'),
          IDENTITY_BOOTSTRAP_PASSWORD: PASSWORD,
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      const uri = /otpauth:\/\/\S+/.exec(output)?.[0];
      if (code === 0 && uri) resolve(URI.parse(uri));
      else reject(new Error(`identity create-account exited ${code}: ${output}`));
    });
  });
}

/** Signs an account in (password + TOTP); each TOTP step is good once per account. */
async function signIn(account) {
  account.lastStep = totpStep();
  return call('POST', url('identity', '/api/v1/auth/login'), {
    ip: account.ip,
    json: {
      username: account.username,
      password: PASSWORD,
      totpCode: account.totp.generate(),
    },
  });
}

/** A staff account made by the security administrator through identity's API. */
async function createAccount(adminToken, username, role, division, organId, index) {
  const created = await must(
    201,
    call('POST', url('identity', '/api/v1/accounts'), {
      token: adminToken,
      json: {
        username,
        displayName: username,
        password: PASSWORD,
        roles: [role],
        divisionCode: division,
        ...(organId ? { organId } : {}),
      },
    }),
    `create account ${username}`,
  );
  return {
    username,
    role,
    division,
    totp: URI.parse(created.totpProvisioningUri),
    lastStep: 0,
    // Each member of staff signs in from a workstation of their own.
    ip: `10.51.${(index >> 8) & 255}.${index & 255}`,
  };
}

// The staff whose tokens the load uses, one role each (三员分立: administrators hold no other).
const ROLE_ACCOUNTS = [
  ['sysadmin', 'system-admin', '510000', null],
  ['clerk-jj', 'clerk', '510104', '510104-xfj'],
  ['handler-jj', 'handler', '510104', '510104-zjj'],
  ['supervisor-jj', 'supervisor', '510104', '510104-xfj'],
  ['clerk-cd', 'clerk', '510100', '510100-xfj'],
  ['supervisor-cd', 'supervisor', '510100', '510100-xfj'],
  ['leader-cd', 'leader', '510100', '510100-gov'],
  ['analyst-sc', 'analyst', '510000', null],
];

const tokens = {};
const roleSessions = [];

async function setUpIdentity() {
  const securityAdmin = await bootstrapAccount('bench-secadmin', 'security-admin', '510000');
  const admin = {
    username: 'bench-secadmin',
    totp: securityAdmin,
    lastStep: 0,
    ip: '10.51.255.1',
  };
  const adminSession = await must(200, signIn(admin), 'security administrator sign-in');
  tokens.securityAdmin = adminSession.accessToken;
  roleSessions.push({ key: 'securityAdmin', session: adminSession });

  const roleAccounts = [];
  for (const [i, [username, role, division, organ]] of ROLE_ACCOUNTS.entries()) {
    roleAccounts.push(
      await createAccount(tokens.securityAdmin, username, role, division, organ, i),
    );
  }
  // Staff who sign in during the load: one sign-in per account per TOTP step (30 s), so enough
  // accounts for the rate with room to spare.
  const needed = Math.ceil(LOGIN_RATE * 30 * 1.3) + 4;
  const staff = [];
  const kinds = [
    ['clerk', '510104', '510104-xfj'],
    ['handler', '510104', '510104-zjj'],
    ['clerk', '510105', '510105-xfj'],
    ['handler', '510105', '510105-jtj'],
    ['supervisor', '510100', '510100-xfj'],
  ];
  for (let i = 0; i < needed; i++) {
    const [role, division, organ] = kinds[i % kinds.length];
    const username = `staff-${String(i + 1).padStart(3, '0')}`;
    staff.push(await createAccount(tokens.securityAdmin, username, role, division, organ, 100 + i));
  }
  for (const account of roleAccounts) {
    const session = await must(200, signIn(account), `${account.username} sign-in`);
    const key = account.username.replace(/-(\w)/g, (_, c) => c.toUpperCase());
    tokens[key] = session.accessToken;
    roleSessions.push({ key, session });
  }
  log(`  ${roleAccounts.length + 1} role accounts signed in, ${staff.length} staff for sign-ins`);
  return staff;
}

/** Keeps the role tokens fresh as the web console does (they live 300 s). */
async function refreshRoleTokens() {
  for (const entry of roleSessions) {
    const r = await call('POST', url('identity', '/api/v1/auth/refresh'), {
      json: { refreshToken: entry.session.refreshToken },
    }).catch(() => null);
    if (r?.ok) {
      entry.session = r.json();
      tokens[entry.key] = entry.session.accessToken;
    }
  }
}

function identityStreams(staff) {
  const sessions = [];
  let next = 0;
  const freeSession = () => {
    for (let i = 0; i < sessions.length; i++) {
      const s = sessions[(next + i) % sessions.length];
      if (!s.busy) {
        next = (next + i + 1) % sessions.length;
        return s;
      }
    }
    return undefined;
  };
  const forget = (session) => {
    const at = sessions.indexOf(session);
    if (at >= 0) sessions.splice(at, 1);
  };
  /** Runs `work` with a session no other request is using (a refresh rotates its tokens). */
  const withSession = async (work) => {
    const session = freeSession();
    if (!session) return null;
    session.busy = true;
    try {
      return await work(session);
    } finally {
      session.busy = false;
    }
  };
  let nextAccount = 0;
  const s = (name, rate, request, maxInFlight = 4) => ({
    service: 'identity',
    name,
    rate,
    request,
    maxInFlight,
  });
  return [
    s('login (password + TOTP)', LOGIN_RATE, async () => {
      const step = totpStep();
      let account;
      for (let i = 0; i < staff.length && !account; i++) {
        const candidate = staff[(nextAccount + i) % staff.length];
        if (candidate.lastStep < step) {
          account = candidate;
          nextAccount = (nextAccount + i + 1) % staff.length;
        }
      }
      if (!account) return null;
      const r = await signIn(account);
      if (r.ok) {
        sessions.push({ ...r.json(), busy: false });
        if (sessions.length > 300) sessions.shift();
      }
      return r;
    }),
    s('refresh', 2 * SCALE, () =>
      withSession(async (session) => {
        const r = await call('POST', url('identity', '/api/v1/auth/refresh'), {
          json: { refreshToken: session.refreshToken },
        });
        if (r.ok) Object.assign(session, r.json());
        else forget(session);
        return r;
      }),
    ),
    s('own sessions', 1 * SCALE, () =>
      withSession((session) =>
        call('GET', url('identity', '/api/v1/auth/sessions'), { token: session.accessToken }),
      ),
    ),
    s('logout', 0.2 * SCALE, () =>
      sessions.length < 20
        ? null
        : withSession((session) => {
            forget(session);
            return call('POST', url('identity', '/api/v1/auth/logout'), {
              token: session.accessToken,
            });
          }),
    ),
    s('jwks', 2 * SCALE, () => call('GET', url('identity', '/.well-known/jwks.json'))),
    s('openid-configuration', 0.5 * SCALE, () =>
      call('GET', url('identity', '/.well-known/openid-configuration')),
    ),
    s('accounts list (security admin)', 0.2 * SCALE, () =>
      call('GET', url('identity', '/api/v1/accounts?limit=50'), { token: tokens.securityAdmin }),
    ),
  ];
}

// ---------------------------------------------------------------- complaint-intake

const submitted = [];
let complaintNo = 0;

function submitComplaint() {
  const n = ++complaintNo;
  return call('POST', url('complaint-intake', '/api/v1/complaints'), {
    json: complaint(n),
    ip: `100.80.${(n >> 8) & 255}.${n & 255}`,
  });
}

function intakeStreams() {
  const s = (name, rate, request, maxInFlight = 8) => ({
    service: 'complaint-intake',
    name,
    rate,
    request,
    maxInFlight,
  });
  return [
    s(
      'submit complaint',
      INTAKE_RATE,
      async () => {
        const r = await submitComplaint();
        if (r.ok) {
          submitted.push(r.json());
          if (submitted.length > 2_000) submitted.splice(0, 1_000);
        }
        return r;
      },
      64,
    ),
    s('follow a complaint', 5 * SCALE, async () => {
      if (submitted.length === 0) return null;
      const c = pick(submitted);
      return call(
        'GET',
        url(
          'complaint-intake',
          `/api/v1/complaints/${c.trackingCode}?queryCode=${encodeURIComponent(c.queryCode)}`,
        ),
        { ip: `100.81.0.${Math.floor(rnd() * 250)}` },
      );
    }),
    s('categories', 1 * SCALE, () => call('GET', url('complaint-intake', '/api/v1/categories'))),
  ];
}

// ---------------------------------------------------------------- petition

const WORDS = ['电梯', '工资', '养老金', '道路', '物业', '拆迁', '噪音', '学校', '补偿', '医保'];

function petitionStreams() {
  const numbers = [];
  const cursors = [];
  const remember = (page, keepCursor) => {
    for (const item of page.items ?? []) {
      if (!numbers.includes(item.petitionNumber)) numbers.push(item.petitionNumber);
    }
    if (numbers.length > 500) numbers.splice(0, numbers.length - 500);
    if (keepCursor && page.nextCursor) {
      cursors.push(page.nextCursor);
      if (cursors.length > 50) cursors.shift();
    }
  };
  const worklists = [
    ['clerkJj', '/api/v1/cases'],
    ['clerkJj', '/api/v1/cases?view=mine'],
    ['clerkJj', '/api/v1/cases?status=registered'],
    ['clerkJj', '/api/v1/cases?view=due-soon'],
    ['clerkJj', '/api/v1/cases?view=overdue&sort=deadline'],
    ['handlerJj', '/api/v1/cases?view=organ'],
    ['supervisorCd', '/api/v1/cases'],
    ['supervisorCd', '/api/v1/cases?divisionCode=510105&kind=appeal'],
    ['leaderCd', '/api/v1/cases?limit=50'],
    ['clerkJj', 'cursor'],
  ];
  let w = 0;
  const handling = caseHandling();
  /** Online cases the county office's clerk sees still registered: theirs to route. */
  const routable = (page) => {
    for (const item of page.items ?? []) {
      if (item.status === 'registered' && item.channel === 'online') {
        handling.enter(item.petitionNumber, { number: item.petitionNumber, title: item.title });
      }
    }
  };
  let registered = 0;
  const s = (name, rate, request, maxInFlight = 8) => ({
    service: 'petition',
    name,
    rate,
    request,
    maxInFlight,
  });
  return [
    s('worklist', 8 * SCALE, async () => {
      const [who, path] = worklists[w++ % worklists.length];
      const target =
        path === 'cursor'
          ? cursors.length
            ? `/api/v1/cases?cursor=${cursors.shift()}`
            : '/api/v1/cases'
          : path;
      // A clerk's cursor is the clerk's: only theirs are reused on the clerk's next page.
      const r = await call('GET', url('petition', target), { token: tokens[who] });
      if (r.ok) {
        const page = r.json();
        remember(page, who === 'clerkJj');
        if (who === 'clerkJj') routable(page);
      }
      return r;
    }),
    // Letters, visits and calls the county office registers by hand, routed like the rest.
    s('register a letter, visit or call (clerk)', 0.3 * SCALE, async () => {
      const { petitioner, kind, categoryCode, title, content } = complaint(
        2_000_000 + ++registered,
      );
      const r = await call('POST', url('petition', '/api/v1/cases'), {
        token: tokens.clerkJj,
        json: {
          channel: pick(['letter', 'visit', 'phone']),
          kind,
          categoryCode,
          title,
          content,
          divisionCode: '510104',
          petitioner,
        },
      });
      if (r.ok) {
        const { petitionNumber } = r.json();
        handling.enter(petitionNumber, { number: petitionNumber, title });
      }
      return r;
    }),
    ...handling.streams,
    s('case file', 6 * SCALE, async () => {
      if (numbers.length === 0) return null;
      const number = pick(numbers);
      // The county's clerk for Jinjiang's cases, the city's supervisor for all of them.
      const who = number.startsWith('510104') && rnd() < 0.7 ? 'clerkJj' : 'supervisorCd';
      return call('GET', url('petition', `/api/v1/cases/${number}`), { token: tokens[who] });
    }),
    s('search by words', 1 * SCALE, () =>
      call('GET', url('petition', `/api/v1/cases/search?q=${encodeURIComponent(pick(WORDS))}`), {
        token: tokens.supervisorCd,
      }),
    ),
    s('organs', 0.3 * SCALE, () =>
      call('GET', url('petition', '/api/v1/organs'), { token: tokens.clerkJj }),
    ),
  ];
}

const HOUSING_BUREAU = '510104-zjj';

/**
 * Jinjiang's cases handled as the workflow has it: the county office's clerk (registering organ)
 * transfers or assigns each to the housing bureau, whose handler (responsible organ) accepts it,
 * replies with the written handling opinion and concludes it.
 */
function caseHandling() {
  const act = (who, { number }, action, json) =>
    stepOf('petition', `/api/v1/cases/${number}`)(who, action, json);
  return workflowStreams('petition', [
    [
      'route: transfer or assign (clerk)',
      1 * SCALE,
      (c) =>
        // 交办 (with a deadline for the result report) for some, 转送 for most; now and then the
        // labour bureau helps (协办).
        rnd() < 0.3
          ? act('clerkJj', c, 'assign', {
              leadOrganId: HOUSING_BUREAU,
              reportWithinDays: 30,
              note: '请依法按期办理，并于期限内报送办理结果。',
            })
          : act('clerkJj', c, 'transfer', {
              leadOrganId: HOUSING_BUREAU,
              coHandlingOrganIds: rnd() < 0.2 ? ['510104-rsj'] : [],
            }),
    ],
    ['accept (handler)', 0.8 * SCALE, (c) => act('handlerJj', c, 'accept', {})],
    [
      'reply (handler)',
      0.6 * SCALE,
      (c) =>
        act('handlerJj', c, 'reply', {
          opinion: `经调查核实，您反映的“${c.title}”问题情况属实。我局已责成相关单位限期整改，并将跟踪督办整改落实情况。如对本处理意见不服，可自收到本意见书之日起30日内向上一级行政机关请求复查。`,
        }),
    ],
    [
      'conclude (handler)',
      0.5 * SCALE,
      (c) =>
        act('handlerJj', c, 'conclude', {
          summary: '已书面答复信访人，整改落实情况纳入跟踪督办。',
        }),
    ],
  ]);
}

// ---------------------------------------------------------------- video-reception

async function setUpVideoReception() {
  const hall = (who, name, division) =>
    must(
      201,
      call('POST', url('video-reception', '/api/v1/halls'), {
        token: tokens[who],
        json: { name, divisionCode: division, address: '人民路 1 号' },
      }),
      `hall ${name}`,
    );
  const jinjiangA = await hall('supervisorJj', '锦江区信访局视频接访厅一', '510104');
  const jinjiangB = await hall('supervisorJj', '锦江区信访局视频接访厅二', '510104');
  const city = await hall('supervisorCd', '成都市信访局视频接访中心', '510100');
  const recurrence = {
    startDate: chinaDate(1),
    rule: 'FREQ=DAILY',
    untilDate: chinaDate(14),
    skipPublicHolidays: true,
  };
  const schedule = (who, body) =>
    must(
      201,
      call('POST', url('video-reception', '/api/v1/reception-schedules'), {
        token: tokens[who],
        json: {
          window: { startTime: '08:30', endTime: '17:30' },
          slotMinutes: 15,
          kinds: ['appeal', 'suggestion', 'accusation'],
          topics: ['征地拆迁', '劳动保障', '住房保障'],
          recurrence,
          exceptions: [],
          ...body,
        },
      }),
      'schedule',
    );
  await schedule('clerkCd', {
    leader: { id: 'leader-cd-vice-mayor', name: '陈志刚', title: '副市长' },
    divisionCode: '510100',
    hallIds: [jinjiangA.id],
    officialHallId: city.id,
  });
  await schedule('clerkJj', {
    leader: { id: 'leader-jj-head', name: '李建国', title: '区长' },
    divisionCode: '510104',
    hallIds: [jinjiangB.id],
  });
  const days = await must(
    200,
    call(
      'GET',
      url(
        'video-reception',
        `/api/v1/public/reception-days?divisionCode=510104&from=${chinaDate(1)}&to=${chinaDate(14)}`,
      ),
      { ip: '100.64.255.1' },
    ),
    'reception days',
  );
  const slots = [];
  for (const day of days.items) {
    const hallId = day.halls.find((h) => h.divisionCode === '510104')?.id ?? day.halls[0].id;
    for (const slot of day.slots ?? []) {
      if (slot.available) slots.push({ dayId: day.id, startsAt: slot.startsAt, hallId });
    }
  }
  // Interleaved by day, as petitioners pick whatever suits them.
  slots.sort((a, b) => (a.startsAt.slice(11) < b.startsAt.slice(11) ? -1 : 1));
  const today = await todaysReceptions(schedule, [
    // The district head in the district's hall; the city's vice mayor from the city's centre
    // with a Jinjiang hall (多级联合接访), reviewed by the city's office.
    {
      office: 'clerkJj',
      reviewer: 'supervisorJj',
      leader: { id: 'leader-jj-head', name: '李建国', title: '区长' },
      divisionCode: '510104',
      hall: jinjiangB,
    },
    {
      office: 'clerkCd',
      reviewer: 'supervisorCd',
      leader: { id: 'leader-cd-vice-mayor', name: '陈志刚', title: '副市长' },
      divisionCode: '510100',
      hall: jinjiangA,
      officialHall: city,
    },
  ]);
  log(
    `  video-reception: 3 halls, 2 leaders, ${days.items.length} days, ${slots.length} slots; ${today.length} sessions confirmed for the coming hour`,
  );
  return { slots, dayIds: days.items.map((d) => d.id), today };
}

/**
 * A booking's slot, petitioner and matter: the n-th Jinjiang petitioner of a series (born from
 * `bornFrom`, mobile numbers from `phoneBase`), a matter from the seed's, `sentences` long.
 */
function bookingBody(slot, n, { bornFrom, phoneBase, sentences }) {
  const matter = random.weighted(MATTER_WEIGHTS);
  return {
    ...slot,
    petitioner: {
      name: `${pick(SURNAMES)}${pick(GIVEN)}`,
      idNumber: makeResidentIdNumber(
        '510104',
        `19${bornFrom - 1900 + (n % 40)}0${1 + (n % 9)}1${n % 10}`,
        n % 1000,
      ),
      phone: makeMobileNumber(phoneBase + n),
    },
    matter: {
      kind: 'appeal',
      title: fill(matter.title, sentences),
      content: fill(matter.content, sentences),
    },
  };
}

/**
 * Sessions held during the load: a reception day for each leader today, its slots starting in
 * the coming hour (check-in opens 60 minutes before a slot, and a slot is booked only before it
 * starts), every slot booked at the hall's desk (现场预约) and approved by the leader's office.
 * None late in the evening, when no slot fits before midnight.
 */
async function todaysReceptions(schedule, leaders) {
  const now = new Date(Date.now() + 8 * 3_600_000);
  const start = Math.ceil((now.getUTCHours() * 60 + now.getUTCMinutes() + 3) / 5) * 5;
  // Whole slots only: late in the evening the window ends before midnight, not on a slot's end.
  const end = start + Math.floor((Math.min(start + 50, 23 * 60 + 59) - start) / 5) * 5;
  if (end - start < 5) return [];
  const wall = (m) =>
    `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const sessions = [];
  for (const { office, reviewer, leader, divisionCode, hall, officialHall } of leaders) {
    const published = await schedule(office, {
      leader,
      divisionCode,
      hallIds: [hall.id],
      ...(officialHall ? { officialHallId: officialHall.id } : {}),
      window: { startTime: wall(start), endTime: wall(end) },
      slotMinutes: 5,
      recurrence: { startDate: chinaDate(), skipPublicHolidays: false },
    });
    const day = published.receptionDays[0];
    const slotStarts = [];
    for (
      let t = Date.parse(day.startsAt);
      t + 5 * 60_000 <= Date.parse(day.endsAt);
      t += 5 * 60_000
    ) {
      slotStarts.push(new Date(t).toISOString());
    }
    const booked = await Promise.all(
      slotStarts.map(async (slotStartsAt, k) => {
        const body = bookingBody(
          { receptionDayId: day.id, slotStartsAt, hallId: hall.id },
          60_000 + sessions.length + k,
          { bornFrom: 1955, phoneBase: 60_000_000, sentences: 3 },
        );
        const booking = await must(
          201,
          call('POST', url('video-reception', '/api/v1/bookings'), {
            token: tokens.clerkJj,
            json: { ...body, waitlist: false },
          }),
          'walk-in booking',
        );
        await must(
          200,
          call('POST', url('video-reception', `/api/v1/bookings/${booking.bookingId}/review`), {
            token: tokens[reviewer],
            json: { decision: 'approve', note: '属接访领导职责范围' },
          }),
          'approve the walk-in booking',
        );
        return { id: booking.bookingId, office, summary: body.matter.content };
      }),
    );
    sessions.push(...booked);
  }
  return sessions;
}

function videoStreams({ slots, dayIds, today }) {
  const booked = [];
  const toReview = [];
  let citizen = 0;
  const s = (name, rate, request, maxInFlight = 6) => ({
    service: 'video-reception',
    name,
    rate,
    request,
    maxInFlight,
  });
  const citizenIp = () => `100.64.${(citizen >> 8) & 255}.${citizen & 255}`;
  const sessions = receptionSessions();
  for (const session of today) sessions.enter(session.id, session);
  return [
    ...sessions.streams,
    s('public reception days', 2 * SCALE, () => {
      citizen++;
      const week = Math.floor(rnd() * 2) * 7;
      return call(
        'GET',
        url(
          'video-reception',
          `/api/v1/public/reception-days?divisionCode=510104&from=${chinaDate(1 + week)}&to=${chinaDate(7 + week)}`,
        ),
        { ip: citizenIp() },
      );
    }),
    s('public booking', 1 * SCALE, async () => {
      const slot = slots.shift();
      if (!slot) return null;
      const r = await call('POST', url('video-reception', '/api/v1/public/bookings'), {
        ip: citizenIp(),
        json: bookingBody(
          { receptionDayId: slot.dayId, slotStartsAt: slot.startsAt, hallId: slot.hallId },
          ++citizen,
          { bornFrom: 1960, phoneBase: 50_000_000, sentences: 2 },
        ),
      });
      if (r.ok) {
        const b = r.json();
        booked.push(b);
        toReview.push(b);
      }
      return r;
    }),
    s('public booking lookup', 1 * SCALE, async () => {
      if (booked.length === 0) return null;
      const b = pick(booked);
      citizen++;
      return call(
        'GET',
        url('video-reception', `/api/v1/public/bookings/${b.bookingCode}?queryCode=${b.queryCode}`),
        { ip: citizenIp() },
      );
    }),
    s('review (approve)', 0.5 * SCALE, async () => {
      const b = toReview.shift();
      if (!b) return null;
      return call('POST', url('video-reception', `/api/v1/bookings/${b.bookingId}/review`), {
        token: tokens.supervisorCd,
        json: { decision: 'approve' },
      });
    }),
    s('day bookings (staff)', 1 * SCALE, () =>
      call('GET', url('video-reception', `/api/v1/reception-days/${pick(dayIds)}/bookings`), {
        token: tokens.clerkCd,
      }),
    ),
    s('booking (staff)', 1 * SCALE, async () => {
      if (booked.length === 0) return null;
      return call('GET', url('video-reception', `/api/v1/bookings/${pick(booked).bookingId}`), {
        token: tokens.supervisorCd,
      });
    }),
    s('halls', 0.2 * SCALE, () =>
      call('GET', url('video-reception', '/api/v1/halls'), { token: tokens.clerkCd }),
    ),
    s('leader calendar (.ics)', 0.2 * SCALE, () =>
      call('GET', url('video-reception', '/api/v1/leaders/leader-cd-vice-mayor/calendar.ics'), {
        token: tokens.leaderCd,
      }),
    ),
  ];
}

/**
 * Today's sessions as they are held: the hall's clerk checks the petitioner in, the leader's
 * office issues the join links and writes the record (电子笔录) — most matters settled on the
 * spot, some made a new case in petition — and the petitioner signs it on the hall's pad.
 */
function receptionSessions() {
  const post = (who, { id }, path, json) =>
    stepOf('video-reception', `/api/v1/bookings/${id}`)(who, path, json);
  return workflowStreams('video-reception', [
    ['check-in (hall clerk)', 0.4 * SCALE, (b) => post('clerkJj', b, 'check-in')],
    ['join links (leader office)', 0.4 * SCALE, (b) => post(b.office, b, 'join-links')],
    [
      'reception record (leader office)',
      0.4 * SCALE,
      (b) =>
        post(b.office, b, 'record', {
          summary: b.summary,
          response:
            '当场答复：责成锦江区住房和城乡建设局十五日内核实处理，并向信访人反馈办理结果。',
          outcome: rnd() < 0.8 ? 'resolved-on-spot' : 'new-case',
          officials: [{ name: '刘洋', title: '锦江区信访局局长' }],
        }),
    ],
    [
      'record signed (hall clerk)',
      0.3 * SCALE,
      (b) =>
        post('clerkJj', b, 'record/confirmation', {
          method: 'signature',
          imageBase64: signaturePng(rnd()).toString('base64'),
        }),
    ],
  ]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A petitioner's signature as the hall's pad captures it: one pen stroke, 400 × 120 grey PNG. */
function signaturePng(phase) {
  const width = 400;
  const height = 120;
  // Each row: filter byte 0, then white pixels.
  const raw = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) raw[y * (width + 1)] = 0;
  for (let x = 20; x < width - 20; x++) {
    const y = Math.round(60 + 35 * Math.sin(x / 17 + phase * 6) * Math.cos(x / 53));
    for (let d = -1; d <= 1; d++) raw[(y + d) * (width + 1) + 1 + x] = 0;
  }
  const chunk = (type, data) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(typed.length + 8);
    framed.writeUInt32BE(data.length, 0);
    typed.copy(framed, 4);
    framed.writeUInt32BE(crc32(typed), typed.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample; colour type 0 (grey), no interlace
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- statistics

function statisticsStreams() {
  const month = chinaDate().slice(0, 7);
  const yearStart = `${chinaDate().slice(0, 4)}-01-01`;
  const dashboards = [
    ['leaderCd', '/api/v1/statistics/rates?groupBy=month'],
    ['leaderCd', '/api/v1/statistics/rates?groupBy=division'],
    ['leaderCd', '/api/v1/statistics/volumes?groupBy=month'],
    ['analystSc', '/api/v1/statistics/volumes?groupBy=channel&divisionCode=510100'],
    ['analystSc', `/api/v1/statistics/rates?groupBy=category&from=${yearStart}`],
    ['leaderCd', '/api/v1/statistics/hotspots?limit=20'],
    ['supervisorCd', '/api/v1/statistics/warnings'],
    ['analystSc', '/api/v1/statistics/themes'],
    ['analystSc', '/api/v1/statistics/themes/trends'],
    ['leaderCd', '/api/v1/statistics/suggestions?groupBy=theme'],
    ['leaderCd', '/api/v1/statistics/leader-mailboxes'],
    ['supervisorJj', '/api/v1/statistics/volumes?groupBy=organ'],
  ];
  const exports = [
    ['analystSc', '/api/v1/statistics/export?table=rates&format=csv&groupBy=division'],
    ['analystSc', '/api/v1/statistics/export?table=volumes&format=xlsx'],
    ['leaderCd', `/api/v1/statistics/digest?month=${month}`],
    ['analystSc', '/api/v1/statistics/export?table=hotspots&format=csv'],
    ['leaderCd', `/api/v1/statistics/digest?month=${month}&format=xlsx`],
  ];
  let d = 0;
  let e = 0;
  const s = (name, rate, request, maxInFlight = 6) => ({
    service: 'statistics',
    name,
    rate,
    request,
    maxInFlight,
  });
  return [
    s('dashboards', 4 * SCALE, () => {
      const [who, path] = dashboards[d++ % dashboards.length];
      return call('GET', url('statistics', path), { token: tokens[who] });
    }),
    s(
      'exports and digests (csv, xlsx, html)',
      0.3 * SCALE,
      () => {
        const [who, path] = exports[e++ % exports.length];
        return call('GET', url('statistics', path), { token: tokens[who], timeoutMs: 60_000 });
      },
      2,
    ),
  ];
}

// ---------------------------------------------------------------- leader-message

const MESSAGE_TYPES = ['投诉', '求助', '咨询', '建言', '感谢'];
const DOMAINS = ['城乡建设', '劳动保障', '交通运输', '教育', '医疗卫生', '生态环境', '市场监管'];

/** A board's export as the back office's "导出 Excel" gives it: one sheet, real dates. */
async function boardWorkbook(prefix, rows) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('留言');
  sheet.addRow([
    '留言编号',
    '留言类型',
    '留言领域',
    '留言标题',
    '留言内容',
    '留言人',
    '联系电话',
    '留言时间',
  ]);
  const now = Date.now();
  for (let i = 0; i < rows; i++) {
    const matter = random.weighted(MATTER_WEIGHTS);
    // A few days of a busy board, newest last; Excel keeps the wall clock (China time).
    const at = new Date(now + 8 * 3_600_000 - (rows - i) * 60_000);
    sheet.addRow([
      `${prefix}-${String(i + 1).padStart(6, '0')}`,
      MESSAGE_TYPES[i % MESSAGE_TYPES.length],
      DOMAINS[i % DOMAINS.length],
      fill(matter.title, 1 + (i % 9)),
      `${fill(matter.content, 1 + (i % 9))}${fill(matter.content, 2 + (i % 7))}`,
      `网友${(i * 7919) % 100_000}`,
      i % 3 === 0 ? makeMobileNumber(40_000_000 + i) : '',
      at,
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function setUpLeaderMessage() {
  const board = (externalId, leader) =>
    must(
      201,
      call('POST', url('leader-message', '/api/v1/boards'), {
        token: tokens.supervisorJj,
        json: { externalId, leader, divisionCode: '510104', source: 'import' },
      }),
      `board ${externalId}`,
    );
  const main = await board('jj-board-main', {
    id: 'leader-jj-head',
    name: '李建国',
    title: '区长',
  });
  // What the office already holds before the day starts.
  const seeded = await must(
    200,
    call('POST', url('leader-message', `/api/v1/boards/${main.id}/imports`), {
      token: tokens.clerkJj,
      contentType: XLSX,
      body: await boardWorkbook('seed', 500),
      timeoutMs: 120_000,
    }),
    'seed import',
  );
  for (let i = 0; i < 12; i++) {
    const matter = MATTERS[i % MATTERS.length];
    await must(
      201,
      call('POST', url('leader-message', '/api/v1/reply-templates'), {
        token: tokens.clerkJj,
        json: {
          divisionCode: '510104',
          title: `答复模板：${fill(matter.title, 3)}`,
          body: `您好！您反映的“${fill(matter.title, 3)}”问题已收悉。经核实，${fill(matter.content, 3)}相关部门已安排专人处理，感谢您的关注与支持。`,
          domain: DOMAINS[i % DOMAINS.length],
          type: MESSAGE_TYPES[i % MESSAGE_TYPES.length],
        },
      }),
      'reply template',
    );
  }
  for (let i = 0; i < 6; i++) {
    await must(
      201,
      call('POST', url('leader-message', '/api/v1/policies'), {
        token: tokens.supervisorJj,
        json: {
          divisionCode: '510104',
          title: `成都市锦江区关于${DOMAINS[i]}工作的实施意见`,
          documentNumber: `锦府发〔2026〕${i + 1}号`,
          issuer: '成都市锦江区人民政府',
          body: Array.from({ length: 30 }, (_, k) =>
            fill(MATTERS[(i + k) % MATTERS.length].content, k),
          )
            .join('\n')
            .slice(0, 6_000),
        },
      }),
      'policy',
    );
  }
  // The workbooks the load uploads, made now so the load generator stays light.
  const uploads = [];
  for (let i = 0; i < IMPORTS; i++) {
    const b = await board(`jj-board-${i + 1}`, {
      id: `leader-jj-deputy-${i + 1}`,
      name: `副区长${i + 1}`,
      title: '副区长',
    });
    uploads.push({ boardId: b.id, workbook: await boardWorkbook(`load${i + 1}`, IMPORT_ROWS) });
  }
  const mib = uploads[0] ? (uploads[0].workbook.length / MIB).toFixed(2) : '0';
  log(
    `  leader-message: ${seeded.inserted} messages imported, 12 templates, 6 policies; ${IMPORTS} workbook(s) of ${IMPORT_ROWS} rows (${mib} MiB each) for the load`,
  );
  return { boardId: main.id, uploads };
}

function leaderMessageStreams({ boardId }) {
  const ids = [];
  const lists = [
    `/api/v1/messages`,
    `/api/v1/messages?status=new`,
    `/api/v1/messages?boardId=${boardId}&limit=50`,
    `/api/v1/messages?due=soon&sort=deadline`,
    `/api/v1/messages?leaderId=leader-jj-head`,
  ];
  let l = 0;
  const handling = messageHandling();
  const s = (name, rate, request, maxInFlight = 6) => ({
    service: 'leader-message',
    name,
    rate,
    request,
    maxInFlight,
  });
  return [
    s('message list', 3 * SCALE, async () => {
      const r = await call('GET', url('leader-message', lists[l++ % lists.length]), {
        token: tokens.clerkJj,
      });
      if (r.ok) {
        for (const item of r.json().items ?? []) {
          ids.push(item.id);
          // New on the board: the leader's team claims it.
          if (item.status === 'new') handling.enter(item.id, { id: item.id, title: item.title });
        }
        if (ids.length > 500) ids.splice(0, ids.length - 500);
      }
      return r;
    }),
    ...handling.streams,
    s('message', 2 * SCALE, async () => {
      if (ids.length === 0) return null;
      return call('GET', url('leader-message', `/api/v1/messages/${pick(ids)}`), {
        token: tokens.clerkJj,
      });
    }),
    s('boards', 0.5 * SCALE, () =>
      call('GET', url('leader-message', '/api/v1/boards'), { token: tokens.clerkJj }),
    ),
    s('browse new messages', 0.2 * SCALE, () =>
      call('GET', url('leader-message', `/api/v1/boards/${boardId}/new-messages`), {
        token: tokens.clerkJj,
      }),
    ),
    s('reply template search', 1 * SCALE, () =>
      call(
        'GET',
        url('leader-message', `/api/v1/reply-templates?q=${encodeURIComponent(pick(WORDS))}`),
        { token: tokens.handlerJj },
      ),
    ),
    s('policy search', 0.5 * SCALE, () =>
      call('GET', url('leader-message', `/api/v1/policies?q=${encodeURIComponent(pick(WORDS))}`), {
        token: tokens.handlerJj,
      }),
    ),
    s('on-time rates', 0.2 * SCALE, () =>
      call('GET', url('leader-message', '/api/v1/leader-message-rates'), {
        token: tokens.supervisorJj,
      }),
    ),
  ];
}

/**
 * A message handled to its published reply: the leader's team (Jinjiang's clerk) claims it, the
 * office (supervisor) assigns it to the housing bureau, whose handler drafts the reply, the office
 * approves it, and the clerk, having posted it in the board's back office (these boards are
 * imported, not connected), confirms the publication.
 */
function messageHandling() {
  const post = (who, { id }, path, json) =>
    stepOf('leader-message', `/api/v1/messages/${id}`)(who, path, json);
  let replies = 0;
  return workflowStreams('leader-message', [
    ['claim (clerk)', 0.6 * SCALE, (m) => post('clerkJj', m, 'claim', { urgent: rnd() < 0.1 })],
    [
      'assign (supervisor)',
      0.5 * SCALE,
      (m) =>
        post('supervisorJj', m, 'assignment', {
          leadOrgan: { id: HOUSING_BUREAU, name: '成都市锦江区住房和城乡建设局' },
          instructions: '请核实情况，于五个工作日内拟定答复意见。',
        }),
    ],
    [
      'draft reply (handler)',
      0.5 * SCALE,
      (m) => {
        m.reply = `网友您好！您反映的“${m.title}”问题已收悉。经我局现场核实，已责成相关单位限期整改，整改完成后将组织复查。如有疑问，可拨打我局咨询电话028-86612345。感谢您对我区工作的关注与支持。`;
        return post('handlerJj', m, 'drafts', { text: m.reply });
      },
    ],
    [
      'approve reply (supervisor)',
      0.4 * SCALE,
      (m) => post('supervisorJj', m, 'review', { decision: 'approve' }),
    ],
    [
      'confirm publication (clerk)',
      0.4 * SCALE,
      (m) =>
        post('clerkJj', m, 'publication', {
          publishedText: m.reply,
          publishedAt: new Date().toISOString(),
          boardReplyId: `reply-${++replies}`,
        }),
    ],
  ]);
}

/** One upload of a board's workbook: the memory-heavy path (exceljs reads it whole). */
function importStream({ boardId, workbook }) {
  return {
    service: 'leader-message',
    name: `workbook import (${IMPORT_ROWS} rows)`,
    rate: 0,
    request: () =>
      call('POST', url('leader-message', `/api/v1/boards/${boardId}/imports`), {
        token: tokens.clerkJj,
        contentType: XLSX,
        body: workbook,
        timeoutMs: 300_000,
      }),
  };
}

// ---------------------------------------------------------------- exchange-gateway

async function setUpExchange() {
  const registered = await must(
    201,
    call('POST', url('exchange-gateway', '/exchange/v1/admin/clients'), {
      token: tokens.sysadmin,
      json: {
        name: '成都市 12345 市民服务热线',
        scopes: ['changes:read', 'open311', 'directory:read', 'complaints:read', 'cases:read'],
        allowedDivisions: ['510100'],
        // The hotline polls often; its administrator gave it room.
        rateLimitPerMinute: 6_000,
      },
    }),
    'integrator client',
  );
  log(`  exchange-gateway: integrator client ${registered.credentials.clientId} registered`);
  return registered.credentials;
}

function exchangeStreams(client) {
  let cursor;
  let catchUp;
  const requestIds = [];
  let open311No = 0;
  const signed = (path) =>
    call('GET', url('exchange-gateway', path), {
      headers: signedHeaders({
        clientId: client.clientId,
        secret: client.secret,
        method: 'GET',
        pathWithQuery: path,
      }),
    });
  const key = encodeURIComponent(client.open311ApiKey);
  const s = (name, rate, request, maxInFlight = 4) => ({
    service: 'exchange-gateway',
    name,
    rate,
    request,
    maxInFlight,
  });
  return [
    // The hotline's poller follows the feed; one request at a time, cursor to cursor.
    s(
      'change feed (poller)',
      2 * SCALE,
      async () => {
        const r = await signed(
          `/exchange/v1/changes?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        if (r.ok) cursor = r.json().nextCursor;
        return r;
      },
      1,
    ),
    // A second consumer catching up from the start in large pages.
    s(
      'change feed (catching up, 500)',
      0.3 * SCALE,
      async () => {
        const r = await signed(
          `/exchange/v1/changes?limit=500${catchUp ? `&cursor=${encodeURIComponent(catchUp)}` : ''}`,
        );
        if (r.ok) catchUp = r.json().nextCursor;
        return r;
      },
      1,
    ),
    s('open311 services', 1 * SCALE, () =>
      call('GET', url('exchange-gateway', `/open311/v2/services.${rnd() < 0.7 ? 'json' : 'xml'}`)),
    ),
    s('open311 service definition', 0.5 * SCALE, () =>
      call(
        'GET',
        url(
          'exchange-gateway',
          `/open311/v2/services/${random.weighted(MATTER_WEIGHTS).category}.json`,
        ),
      ),
    ),
    s('open311 requests', 1 * SCALE, async () => {
      const r = await call(
        'GET',
        url('exchange-gateway', `/open311/v2/requests.json?api_key=${key}`),
      );
      if (r.ok) {
        for (const item of r.json() ?? []) {
          if (item.service_request_id && !requestIds.includes(item.service_request_id)) {
            requestIds.push(item.service_request_id);
          }
        }
      }
      return r;
    }),
    s('open311 request', 1 * SCALE, async () => {
      if (requestIds.length === 0) return null;
      return call(
        'GET',
        url(
          'exchange-gateway',
          `/open311/v2/requests/${pick(requestIds)}.${rnd() < 0.7 ? 'json' : 'xml'}?api_key=${key}`,
        ),
      );
    }),
    s('open311 POST request', 0.5 * SCALE, () => {
      const n = ++open311No;
      const c = complaint(1_000_000 + n);
      return call('POST', url('exchange-gateway', '/open311/v2/requests.json'), {
        contentType: 'application/x-www-form-urlencoded',
        body: new URLSearchParams({
          api_key: client.open311ApiKey,
          service_code: c.categoryCode,
          first_name: c.petitioner.name.slice(1),
          last_name: c.petitioner.name.slice(0, 1),
          phone: c.petitioner.phone,
          description: c.content,
          address_string: `锦江区${pick(PLACES)}`,
          'attribute[id_number]': c.petitioner.idNumber,
          'attribute[division_code]': c.divisionCode,
          'attribute[title]': c.title,
        }).toString(),
      });
    }),
    s('directory', 0.2 * SCALE, () => signed('/exchange/v1/divisions')),
  ];
}

// ---------------------------------------------------------------- monitoring

// What the monitoring sees of each process (prom-client's default metrics at /metrics).
const heap = new Map(SERVICES.map((svc) => [svc.name, {}]));
const HEAP_METRICS = {
  heapTotal: 'nodejs_heap_size_total_bytes',
  heapUsed: 'nodejs_heap_size_used_bytes',
  external: 'nodejs_external_memory_bytes',
  // Since the previous scrape (prom-client resets the histogram when it is read).
  eventLoopLagMax: 'nodejs_eventloop_lag_max_seconds',
};

/** Prometheus scraping every service every 5 s; keeps the largest heap figures seen. */
function scrapeStreams() {
  return SERVICES.map(({ name }) => ({
    service: name,
    name: 'metrics (Prometheus scrape)',
    rate: 0.2,
    maxInFlight: 1,
    request: async () => {
      const r = await call('GET', url(name, '/metrics'));
      if (r.ok && phase !== 'setup') {
        const text = r.text();
        const seen = heap.get(name);
        for (const [key, metric] of Object.entries(HEAP_METRICS)) {
          const value = Number(
            new RegExp(`^${metric}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1],
          );
          if (Number.isFinite(value)) seen[key] = Math.max(seen[key] ?? 0, value);
        }
      }
      return r;
    },
  }));
}

// ---------------------------------------------------------------- results

function memoryFigures(name) {
  const all = samples.get(name);
  const idle = all
    .filter((x) => x.phase === 'idle')
    .map((x) => x.rss)
    .sort((a, b) => a - b);
  const loaded = all.filter((x) => ['warmup', 'load', 'drain'].includes(x.phase));
  const peakSample = loaded.reduce((best, x) => (x.rss > (best?.rss ?? -1) ? x : best), undefined);
  const peak = peakSample?.rss ?? 0;
  const idleRss = idle.length ? idle[Math.floor(idle.length / 2)] : (all[0]?.rss ?? 0);
  const lastLoad = all.filter((x) => x.phase === 'load').at(-1);
  const lastSetup = all.filter((x) => x.phase === 'setup').at(-1);
  return {
    idleRssMiB: round1(idleRss / MIB),
    peakRssMiB: round1(peak / MIB),
    peakRssMB: round1(peak / 1e6),
    peakToIdle: idleRss ? Math.round((peak / idleRss) * 100) / 100 : 0,
    // The peak's parts: the process's own memory, and the mapped files it shares.
    peakAnonMiB: round1((peakSample?.anon ?? 0) / MIB),
    peakFileMiB: round1((peakSample?.file ?? 0) / MIB),
    // After the setup (accounts, 200 complaints, a 500-message import …), before the warm-up.
    rssBeforeLoadMiB: round1((lastSetup?.rss ?? 0) / MIB),
    rssAtEndOfLoadMiB: round1((lastLoad?.rss ?? 0) / MIB),
    // The kernel's high-water mark over the process's whole life (start-up included).
    lifetimePeakRssMiB: round1(Math.max(0, ...all.map((x) => x.hwm)) / MIB),
    withinTarget: peak > 0 && peak <= TARGET_BYTES ? 1 : 0,
  };
}

async function eventCounts() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const count = async (service, sql) => {
    try {
      const { rows } = await client.query(sql.replaceAll('$S', `"${schemas.get(service).name}"`));
      return Number(rows[0].n);
    } catch (error) {
      log(`  count (${service}): ${error.message}`);
      return undefined;
    }
  };
  const counts = {
    complaintsStored: await count('complaint-intake', 'SELECT count(*) AS n FROM $S.complaint'),
    casesFromComplaints: await count(
      'petition',
      'SELECT count(*) AS n FROM $S.petition_case WHERE source_complaint_id IS NOT NULL',
    ),
    statisticsCaseFacts: await count('statistics', 'SELECT count(*) AS n FROM $S.case_fact'),
    statisticsComplaintDocs: await count(
      'statistics',
      'SELECT count(*) AS n FROM $S.complaint_doc',
    ),
    statisticsMessageFacts: await count(
      'statistics',
      'SELECT count(*) AS n FROM $S.leader_message_fact',
    ),
    gatewayChanges: await count('exchange-gateway', 'SELECT count(*) AS n FROM $S.exchange_change'),
    leaderMessages: await count('leader-message', 'SELECT count(*) AS n FROM $S.board_message'),
    bookings: await count('video-reception', 'SELECT count(*) AS n FROM $S.booking'),
  };
  const unpublished = {};
  for (const { name } of SERVICES.filter((service) => !service.stateless)) {
    unpublished[name] = await count(
      name,
      'SELECT count(*) AS n FROM $S.outbox WHERE published_at IS NULL',
    );
  }
  await client.end();
  return { ...counts, unpublishedOutbox: unpublished };
}

// ---------------------------------------------------------------- clean-up

let cleaning;
/** Once, however many callers (the run's end, a signal during it) ask for it. */
function cleanUp() {
  cleaning ??= removeEverything();
  return cleaning;
}

async function removeEverything() {
  stopping = true;
  clearInterval(sampler);
  await Promise.all(
    [...processes.values()].map((p) => p.kill('SIGTERM').catch((e) => log(`kill: ${e.message}`))),
  );
  await migrating;
  for (const schema of schemas.values()) {
    await schema.drop().catch((e) => log(`drop ${schema.name}: ${e.message}`));
  }
  // A migration that failed half-way leaves a schema no TestSchema holds.
  const orphans = [...schemaNames].filter((n) => ![...schemas.values()].some((s) => s.name === n));
  if (orphans.length) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    try {
      await client.connect();
      for (const name of orphans) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    } catch (error) {
      log(`drop: ${error.message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  await dropNamespaceStreams(process.env.NATS_URL, namespace).catch((error) =>
    log(`streams: ${error.message}`),
  );
  try {
    const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
    await redis.connect();
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', 1000);
      if (found.length) await redis.del(...found);
      cursor = next;
    } while (cursor !== '0');
    await redis.quit();
  } catch (error) {
    log(`redis: ${error.message}`);
  }
  rmSync(dir, { recursive: true, force: true });
  if (keys) rmSync(dirname(keys.publicKeyFile), { recursive: true, force: true });
}

/** The end of a service's log, for a failure's report (the log itself goes with the temp dir). */
function tailOf(name, lines = 15) {
  try {
    return readFileSync(join(logDir, `${name}.log`), 'utf8')
      .split('\n')
      .slice(-lines)
      .map((line) => line.slice(0, 600))
      .join('\n');
  } catch {
    return '(no log)';
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping the services and cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- the run

async function main() {
  const loadAverageAtStart = Math.round(loadavg()[0] * 10) / 10;
  log(
    `instance ${namespace} in ${dir}; ${SECONDS} s of load after ${WARMUP} s warm-up; intake ${INTAKE_RATE}/s, sign-ins ${LOGIN_RATE}/s, other rates ×${SCALE}`,
  );
  log('migrating seven schemas and starting the services one at a time…');
  try {
    await startPlatform();
  } catch (error) {
    for (const { name } of SERVICES) {
      if (processes.has(name) && !pids.has(name)) log(`${name} log:\n${tailOf(name)}`);
    }
    throw error;
  }
  const startupSeconds = (performance.now() - started) / 1000;
  phase = 'idle';
  await sleep(IDLE_SECONDS * 1000);
  phase = 'setup';
  for (const { name } of SERVICES) {
    const m = memoryFigures(name);
    log(`  ${name}: idle RSS ${m.idleRssMiB} MiB`);
  }

  log('setting up: accounts, halls and schedules, boards and knowledge, an integrator…');
  const staff = await setUpIdentity();
  const video = await setUpVideoReception();
  const leader = await setUpLeaderMessage();
  const client = await setUpExchange();
  // Cases to look at before the day starts: complaints already in the pipeline.
  let preSubmitted = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < 25; i++) if ((await submitComplaint()).ok) preSubmitted++;
    }),
  );
  log(`  complaint-intake: ${preSubmitted} of 200 complaints submitted before the load`);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await call('GET', url('petition', '/api/v1/cases?limit=20'), {
      token: tokens.clerkJj,
    });
    if ((page.ok && page.json().items.length >= 20) || Date.now() > deadline) break;
    await sleep(500);
  }
  const keeper = setInterval(() => void refreshRoleTokens(), 200_000);

  const streams = [
    ...identityStreams(staff),
    ...intakeStreams(),
    ...petitionStreams(),
    ...videoStreams(video),
    ...statisticsStreams(),
    ...leaderMessageStreams(leader),
    ...exchangeStreams(client),
    ...scrapeStreams(),
  ];
  const total = streams.reduce((sum, s) => sum + s.rate, 0);
  log(
    `load: ${streams.length} streams, ${total.toFixed(1)} requests/s in all; warm-up ${WARMUP} s, then ${SECONDS} s measured`,
  );
  // One scrape each, not kept: prom-client resets its event-loop histogram when read, so the
  // figures of the load leave out start-up and setup (jieba's dictionary load among them).
  await Promise.all(SERVICES.map(({ name }) => call('GET', url(name, '/metrics')).catch(() => 0)));
  phase = 'warmup';
  const warmupEnd = performance.now() + WARMUP * 1000;
  const end = warmupEnd + SECONDS * 1000;
  const loops = streams.map((s) => pace(s, end));
  const imports = [];
  await sleep(Math.max(0, warmupEnd - performance.now()));
  measuring = true;
  phase = 'load';
  const loadStarted = performance.now();
  const cpuAtStart = new Map([...pids].map(([name, pid]) => [name, cpuTicksOf(pid)]));
  const machineAtStart = machineTicks();
  const backingAtStart = backingTicks();
  const ownCpuAtStart = process.cpuUsage();
  // The workbook imports fall inside the measured window, spread over it.
  leader.uploads.forEach((upload, i) => {
    const at = ((i + 1) / (leader.uploads.length + 1)) * SECONDS * 1000;
    imports.push(
      sleep(at).then(() => {
        log(`  leader-message: workbook import ${i + 1} of ${leader.uploads.length} starts`);
        fire(importStream(upload));
      }),
    );
  });
  const foreign = new Set(foreignProcesses());
  const progress = setInterval(() => {
    for (const p of foreignProcesses()) foreign.add(p);
    const done = [...figures.values()]
      .flatMap((m) => [...m.values()])
      .reduce((n, f) => n + f.latencies.length, 0);
    const rss = SERVICES.map(
      ({ name }) =>
        `${name.split('-')[0]} ${Math.round((samples.get(name).at(-1)?.rss ?? 0) / MIB)}`,
    ).join(', ');
    log(
      `  ${Math.round((performance.now() - loadStarted) / 1000)} s: ${done} answers; RSS MiB ${rss}`,
    );
  }, 10_000);
  await Promise.all(loops);
  await Promise.all(imports);
  measuring = false;
  clearInterval(progress);
  for (const p of foreignProcesses()) foreign.add(p);
  if (foreign.size) {
    log(`the machine was shared during the load (figures skewed): ${[...foreign].join('; ')}`);
  }
  const seconds = (performance.now() - loadStarted) / 1000;
  const cpuPercent = (name) => {
    const ticks = cpuTicksOf(pids.get(name)) - cpuAtStart.get(name);
    return Number.isFinite(ticks) ? round1((ticks / CLOCK_TICKS / seconds) * 100) : undefined;
  };
  const servicesCpu = new Map(SERVICES.map(({ name }) => [name, cpuPercent(name)]));
  const machineAtEnd = machineTicks();
  const machineBusyPercent = round1(
    ((machineAtEnd.busy - machineAtStart.busy) / (machineAtEnd.total - machineAtStart.total)) * 100,
  );
  const ownCpu = process.cpuUsage(ownCpuAtStart);
  const loadGeneratorCpuPercent = round1(((ownCpu.user + ownCpu.system) / 1e6 / seconds) * 100);
  // Where the machine's CPU went, in % of one core: a large `other` means it was shared.
  const backingAtEnd = backingTicks();
  const ofOneCore = (ticks) => round1((ticks / CLOCK_TICKS / seconds) * 100);
  const cpu = {
    services: round1([...servicesCpu.values()].reduce((a, b) => a + (b ?? 0), 0)),
    postgres: ofOneCore(backingAtEnd.postgres - backingAtStart.postgres),
    nats: ofOneCore(backingAtEnd.nats - backingAtStart.nats),
    redis: ofOneCore(backingAtEnd.redis - backingAtStart.redis),
    loadGenerator: loadGeneratorCpuPercent,
    interrupts: ofOneCore(machineAtEnd.irq - machineAtStart.irq),
    steal: ofOneCore(machineAtEnd.steal - machineAtStart.steal),
    machineBusy: ofOneCore(machineAtEnd.busy - machineAtStart.busy),
    capacity: cpus().length * 100,
  };
  // Everything else: other processes on the machine (a shared machine shows here).
  cpu.other = round1(
    cpu.machineBusy -
      cpu.services -
      cpu.postgres -
      cpu.nats -
      cpu.redis -
      cpu.loadGenerator -
      cpu.interrupts -
      cpu.steal,
  );
  log(
    `machine ${machineBusyPercent} % busy over the load; CPU in % of one core: services ${cpu.services}, postgres ${cpu.postgres}, nats ${cpu.nats}, redis ${cpu.redis}, load generator ${cpu.loadGenerator}, interrupts ${cpu.interrupts}, steal ${cpu.steal}, other ${cpu.other} (of ${cpu.capacity})`,
  );
  if (cpu.other > 25) {
    log(`processes outside this run took ${cpu.other} % of a core: the machine was shared`);
  }
  phase = 'drain';
  log(`load over after ${seconds.toFixed(1)} s; waiting for ${inFlight.size} request(s) in flight`);
  await Promise.all([...inFlight]);
  phase = 'done';
  clearInterval(keeper);
  const events = await eventCounts();

  const services = SERVICES.map((service) => {
    const endpoints = [...(figures.get(service.name)?.entries() ?? [])].map(([name, f]) => {
      const all = summarize([f], seconds);
      return {
        name,
        requests: all.requests,
        p50Ms: all.p50Ms,
        p99Ms: all.p99Ms,
        errors: all.non2xx + all.failed,
      };
    });
    const memory = memoryFigures(service.name);
    const load = summarize([...(figures.get(service.name)?.values() ?? [])], seconds);
    return {
      name: service.name,
      heapCapMiB: service.heapMiB,
      ...memory,
      // The largest V8 heap (total, used) and external memory /metrics showed under the load:
      // RSS beyond heap and external is native (code, jieba's dictionary, allocator slack).
      heapTotalMaxMiB: round1((heap.get(service.name).heapTotal ?? 0) / MIB),
      heapUsedMaxMiB: round1((heap.get(service.name).heapUsed ?? 0) / MIB),
      externalMaxMiB: round1((heap.get(service.name).external ?? 0) / MIB),
      // Past OVERLOAD_MAX_EVENT_LOOP_DELAY_MS (1 s by default) the service answers 503.
      eventLoopLagMaxMs: Math.round((heap.get(service.name).eventLoopLagMax ?? 0) * 1000),
      alive: exited.has(service.name) ? 0 : 1,
      // Of one core, over the measured window.
      cpuPercent: servicesCpu.get(service.name),
      ...load,
      endpoints,
    };
  });
  for (const s of services) {
    log(
      `${s.name.padEnd(17)} idle ${String(s.idleRssMiB).padStart(6)} MiB · peak ${String(s.peakRssMiB).padStart(6)} MiB (${s.peakRssMB} MB, ×${s.peakToIdle}; own ${s.peakAnonMiB} + files ${s.peakFileMiB} MiB) ${s.withinTarget ? 'within' : 'OVER'} 200 MB · ${s.requests} answers, ${s.perSecond}/s, p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms, ${s.non2xx} non-2xx, ${s.failed} failed, ${s.skipped} skipped, CPU ${s.cpuPercent} %`,
    );
  }
  log(`events: ${JSON.stringify(events)}`);
  const wallSeconds = Math.round((performance.now() - started) / 100) / 10;
  const report = {
    benchmark: 'services',
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP,
      intakeRate: INTAKE_RATE,
      loginRate: LOGIN_RATE,
      scale: SCALE,
      importRows: IMPORT_ROWS,
      imports: IMPORTS,
      offeredRequestsPerSecond: round1(total),
      targetBytes: TARGET_BYTES,
    },
    machine: {
      cores: cpus().length,
      cpu: cpus()[0].model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAverageAtStart,
    },
    startupSeconds: round1(startupSeconds),
    measuredSeconds: round1(seconds),
    // Of all cores together over the measured window: near 100 the machine, not a service, is the limit.
    machineBusyPercent,
    cpuPercentOfOneCore: cpu,
    // 1: another benchmark, build or test process ran during the load (listed on stderr), or
    // processes outside this run took more than a quarter of a core (on a quiet machine: 4–11 %).
    sharedMachine: foreign.size || cpu.other > 25 ? 1 : 0,
    wallSeconds,
    servicesWithinTarget: services.reduce((n, s) => n + s.withinTarget, 0),
    allWithinTarget: services.every((s) => s.withinTarget) ? 1 : 0,
    services,
    events,
  };
  const unmeasured = services.filter((s) => s.requests - s.non2xx === 0);
  if (unmeasured.length) {
    for (const s of unmeasured)
      log(`${s.name} answered no request with 2xx; log:\n${tailOf(s.name)}`);
    process.exitCode = 1;
  }
  return report;
}

let report;
try {
  report = await main();
} catch (error) {
  log(`failed: ${error.stack ?? error.message}`);
  process.exitCode = 1;
} finally {
  log('stopping the services, dropping schemas, streams and keys…');
  await cleanUp();
}
if (report) {
  report.wallSecondsWithCleanUp = round1((performance.now() - started) / 1000);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
// Whatever handle might linger (a connection a failed step left open), the run is over.
setTimeout(() => {
  log('exiting with handles still open');
  process.exit();
}, 5_000).unref();
