#!/usr/bin/env node
// bench/intake: submissions/s and latency of POST /api/v1/complaints — JSON, and multipart with
// one attachment — against a bare baseline (Fastify + one Postgres transaction with the same two
// rows) measured in the same run; at saturation (as fast as it goes) and at a steady rate below it.
// Usage: npm run bench:intake [-- --duration 10 --connections 32 --attachment-kib 100
//                                   --paced-rate 500 --paced-seconds 10]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { REPO_ROOT, ensureBackingServices, freePort } from '../../tools/dev/backing-services.mjs';
import { devSecretsEnv } from '../../tools/dev/dev-keys.mjs';
import { dropNamespaceStreams } from '../nats-streams.mjs';
import { CLOCK_TICKS, machineTicks, processTicks, ticksByPart } from '../proc-stat.mjs';
import { SERVICES, nx, serviceNodeOptions } from '../../tools/dev/workspace.mjs';

// The service runs as it is deployed, heap cap included; BENCH_SERVICE_NODE_OPTIONS='' runs it
// uncapped, to measure what the cap costs.
const SERVICE_NODE_OPTIONS =
  process.env.BENCH_SERVICE_NODE_OPTIONS ??
  serviceNodeOptions(SERVICES.find((s) => s.name === 'complaint-intake'));

// Extra node flags for the service only, e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof' to see where
// its time goes (V8 refuses profiling flags in NODE_OPTIONS).
const PROFILE_ARGS = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
// A file to keep the service's stdout in (its log lines, and what V8 prints for flags such as
// --trace-gc); by default it is read and dropped.
const SERVICE_STDOUT = process.env.BENCH_SERVICE_STDOUT;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '3' },
    'attachment-kib': { type: 'string', default: '100' },
    // Latency at a steady rate below saturation, the target's "p99 at 500/s".
    'paced-rate': { type: 'string', default: '500' },
    'paced-seconds': { type: 'string', default: '10' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const attachmentKib = Number(values['attachment-kib']);
const pacedRate = Number(values['paced-rate']);
const pacedSeconds = Number(values['paced-seconds']);
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

const BODY = JSON.stringify({
  petitioner: { name: '张三', idNumber: '510104199003071237', phone: '13800138000' },
  divisionCode: '510104',
  kind: 'appeal',
  categoryCode: '0303',
  title: '小区门口道路坑洼',
  content: '锦江区某小区门口道路坑洼不平，雨天积水严重，老人孩子出行不便，希望尽快修复。',
});

/**
 * The same complaint as a multipart form with one photo: a JPEG header (what the type check reads)
 * followed by incompressible bytes, like a phone picture of that size.
 */
function multipartBody(kib) {
  const boundary = '----minshengbench';
  const photo = Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]),
    randomBytes(kib * 1024 - 14),
    Buffer.from([0xff, 0xd9]),
  ]);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="complaint"\r\n\r\n${BODY}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="现场照片.jpg"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    ),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function start(command, args, env, readyCheck, stdoutFile) {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (stdoutFile) child.stdout.pipe(createWriteStream(stdoutFile));
  else child.stdout.resume();
  return readyCheck().then(() => child);
}

async function waitForHttp(url) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function dropSchemas(databaseUrl, schemas) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

function stop(child) {
  return new Promise((resolve) => {
    // Ended already: by itself (exitCode) or by a signal (signalCode).
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const JSON_REQUEST = { body: BODY, contentType: 'application/json' };

/**
 * CPU per request, in µs (user + system, from /proc, one snapshot of every process before the load
 * and one after): the service's own, and the whole machine's busy time (load generator included)
 * with Postgres's and nats-server's shares of it — what the service makes the shared cores do.
 * The service's own moves less than throughput when the machine is busy with something else.
 */
async function load(url, seconds, request, overallRate, pid) {
  const partOf = (p, comm) =>
    p === pid
      ? 'service'
      : comm === 'postgres'
        ? 'postgres'
        : comm === 'nats-server'
          ? 'nats'
          : undefined;
  const machineBefore = machineTicks();
  const processesBefore = processTicks();
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': request.contentType },
    body: request.body,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const parts = ticksByPart(processesBefore, processTicks(), partOf);
  const machineBusy = machineTicks().busy - machineBefore.busy;
  const non2xx = result.non2xx + result.errors + result.timeouts;
  const perRequest = (ticks) =>
    ticks === undefined || result.requests.total === 0
      ? null
      : Math.round(((ticks / CLOCK_TICKS) * 1e6) / result.requests.total);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failed: non2xx,
    cpuMicrosPerRequest: pid ? perRequest(parts.service) : null,
    machineCpuMicrosPerRequest: perRequest(machineBusy),
    postgresCpuMicrosPerRequest: perRequest(parts.postgres ?? 0),
    natsCpuMicrosPerRequest: perRequest(parts.nats ?? 0),
  };
}

async function measure(name, url, pid, request = JSON_REQUEST) {
  log(`${name}: warm-up ${warmup}s`);
  await load(url, warmup, request);
  log(`${name}: ${duration}s at ${connections} connections`);
  return load(url, duration, request, undefined, pid);
}

async function paced(name, url, pid) {
  log(`${name}: ${pacedSeconds}s at ${pacedRate} requests/s`);
  return load(url, pacedSeconds, JSON_REQUEST, pacedRate, pid);
}

async function main() {
  const backing = await ensureBackingServices({ log });
  const secrets = await devSecretsEnv();
  // bench/run.mjs builds every project once before the first benchmark.
  if (!process.env.BENCH_SKIP_BUILD) {
    await nx(['run', 'complaint-intake:build', '--output-style=static'], {
      env: { ...process.env, NX_TUI: 'false' },
      stdio: ['ignore', 2, 2],
    });
  }
  const suffix = Date.now().toString(36);
  const intakeSchema = `bench_${suffix}_intake`;
  const baselineSchema = `bench_${suffix}_baseline`;
  const env = {
    DATABASE_URL: backing.databaseUrl,
    NATS_URL: backing.natsUrl,
    REDIS_URL: backing.redisUrl,
    ...secrets,
    NATS_NAMESPACE: `bench${suffix}`,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    HTTP_HOST: '127.0.0.1',
  };
  const migrate = (schema) =>
    new Promise((resolve, reject) => {
      const child = spawn('node', [join('apps', 'complaint-intake', 'dist', 'migrate.js')], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env, DB_SCHEMA: schema },
        stdio: 'ignore',
      });
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`migrate ${schema} failed`)),
      );
    });
  await migrate(intakeSchema);
  await migrate(baselineSchema);
  const attachmentDir = await mkdtemp(join(tmpdir(), 'bench-intake-attachments-'));

  const results = {};
  // Kept here so that a failed run stops them too.
  let baseline;
  let intake;
  try {
    const basePort = await freePort();
    baseline = await start(
      'node',
      [join('bench', 'intake', 'baseline-server.mjs')],
      {
        ...env,
        BENCH_SCHEMA: baselineSchema,
        PORT: String(basePort),
      },
      () => waitForHttp(`http://127.0.0.1:${basePort}/`),
    );
    const baseUrl = `http://127.0.0.1:${basePort}/api/v1/complaints`;
    results.baseline = await measure('baseline', baseUrl, baseline.pid);
    results.baselinePaced = await paced('baseline', baseUrl, baseline.pid);
    await stop(baseline);

    const intakePort = await freePort();
    intake = await start(
      'node',
      [...PROFILE_ARGS, join('apps', 'complaint-intake', 'dist', 'main.js')],
      {
        ...env,
        DB_SCHEMA: intakeSchema,
        COMPLAINT_INTAKE_PORT: String(intakePort),
        NODE_OPTIONS: SERVICE_NODE_OPTIONS,
        // Abuse protection off: one client sends every request, with one ID number and no captcha.
        CAPTCHA_REQUIRED: 'false',
        RATE_LIMITS_ENABLED: 'false',
        ATTACHMENT_DIR: attachmentDir,
      },
      () => waitForHttp(`http://127.0.0.1:${intakePort}/health/ready`),
      SERVICE_STDOUT,
    );
    const url = `http://127.0.0.1:${intakePort}/api/v1/complaints`;
    results.intake = await measure('intake', url, intake.pid);
    results.intakePaced = await paced('intake', url, intake.pid);
    // `--attachment-kib 0` leaves the attachment path out (a quicker run, or a profile of JSON only).
    if (attachmentKib > 0)
      results.intakeWithAttachment = await measure(
        `intake with a ${attachmentKib} KiB attachment`,
        url,
        intake.pid,
        multipartBody(attachmentKib),
      );
    // Let the relay finish, so the figure includes a drained outbox, not a growing one.
    const client = new pg.Client({ connectionString: backing.databaseUrl });
    await client.connect();
    const started = Date.now();
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM "${intakeSchema}".outbox WHERE published_at IS NULL`,
      );
      if (rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    results.outboxDrainAfterLoadMs = Date.now() - started;
    await stop(intake);
    await client.end();
  } catch (error) {
    log(`failed: ${error.message}`);
    process.exitCode = 1;
    return;
  } finally {
    // A failed run cleans up too: its processes, schemas, streams and attachments.
    for (const child of [baseline, intake]) if (child) await stop(child);
    await dropSchemas(backing.databaseUrl, [intakeSchema, baselineSchema]).catch((e) =>
      log(`schemas: ${e.message}`),
    );
    await dropNamespaceStreams(backing.natsUrl, env.NATS_NAMESPACE).catch((e) =>
      log(`streams: ${e.message}`),
    );
    await rm(attachmentDir, { recursive: true, force: true });
  }

  const report = {
    machine: `${cpus().length} × ${cpus()[0].model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    settings: {
      connections,
      durationSeconds: duration,
      warmupSeconds: warmup,
      attachmentKib,
      pacedRate,
      pacedSeconds,
    },
    ...results,
    ratio: Number(
      (results.intake.requestsPerSecond / results.baseline.requestsPerSecond).toFixed(2),
    ),
    cpuRatio:
      results.intake.cpuMicrosPerRequest && results.baseline.cpuMicrosPerRequest
        ? Number(
            (results.baseline.cpuMicrosPerRequest / results.intake.cpuMicrosPerRequest).toFixed(2),
          )
        : null,
    ratioWithAttachment: results.intakeWithAttachment
      ? Number(
          (
            results.intakeWithAttachment.requestsPerSecond / results.baseline.requestsPerSecond
          ).toFixed(2),
        )
      : null,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
