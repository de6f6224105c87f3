#!/usr/bin/env node
// bench/exchange: the federation between tiers, county 510104 → city 510100 → province 510000,
// on the local network of tools/network (one nats-server per instance, leafnodes, own JetStream
// domains) with the three real exchange-gateway processes, against a bare baseline in the same
// run: raw nats.js publish and consume across the same two leafnode hops (stream sourcing only).
// Three measurements each: burst throughput, propagation latency at a steady rate, and the drain
// of a backlog built while the city's NATS server was down. Not part of `npm test`.
//
//   node bench/exchange/run.mjs [--burst 20000] [--rate 100] [--seconds 10] [--backlog 40000]
//                               [--warmup 2000]
//
// Needs the built gateway (`npx nx run exchange-gateway:build`) and Postgres (schemas of its own,
// dropped at the end). Never touches the shared NATS server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { CLOCK_TICKS, machineTicks, processTicks, ticksByPart } from '../proc-stat.mjs';
import {
  ServiceProcess,
  TestKeys,
  TestSchema,
  backingServices,
  freePort,
  uniqueSuffix,
} from '@minsheng/testing';
import { ensureBackingServices } from '../../tools/dev/backing-services.mjs';
import { signForHop } from '../../apps/exchange-gateway/dist/federation/envelope-codec.js';
import { LinkKeyring } from '../../apps/exchange-gateway/dist/federation/link-keys.js';
import { NatsNetwork } from '../../tools/network/nats-network.mjs';
import { NETWORK_DIVISIONS, instanceEnv, makeSecrets } from '../../tools/network/network-plan.mjs';

const { values: opts } = parseArgs({
  options: {
    burst: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    backlog: { type: 'string', default: '40000' },
    'per-case': { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2000' },
  },
});
const BURST = Number(opts.burst);
const RATE = Number(opts.rate);
const SECONDS = Number(opts.seconds);
const BACKLOG = Number(opts.backlog);
const PER_CASE = Number(opts['per-case']);
const WARMUP = Number(opts.warmup);
const [PROVINCE, CITY, COUNTY] = NETWORK_DIVISIONS;
// Extra node flags for the three gateways, e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof
// --cpu-prof-dir=/tmp/prof' (one profile per process, named by its pid).
const GATEWAY_NODE_ARGS = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);

// Logs on stderr; the one JSON report on stdout is what bench/run.mjs reads.
const log = (line) => process.stderr.write(`[bench:exchange] ${line}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * CPU time the whole machine has spent busy, steal left out, and all of its CPU time, in seconds:
 * every process of the exchange — gateways, Postgres, the three NATS servers, the load
 * generator — shares the two cores, so the drain's cost is the machine's.
 */
function machineSeconds() {
  const { busy, steal, total } = machineTicks();
  return { busy: (busy - steal) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/** The machine's busy CPU over a window, in µs per message. */
const machineMicrosPerMessage = ({ busyBefore, busyAfter }, messages) =>
  Math.round(((busyAfter - busyBefore) * 1e6) / messages);

const drainLine = (d) =>
  `backlog of ${BACKLOG}: flowing again ${d.drainResumedAfter.toFixed(1)} s after the link healed, then ${d.drainRate} msg/s (${d.drainCpuMicrosPerMessage} µs of machine CPU each); all through in ${d.drain.toFixed(1)} s`;

const parts = (byPart) =>
  Object.entries(byPart)
    .map(([part, us]) => `${part} ${us}`)
    .join(' · ');
const cpuLine = (d) => `its CPU, µs per message: ${parts(d.drainCpuByPart)}`;
const burstCpuLine = (d) =>
  `burst: ${d.burstCpuMicrosPerMessage} µs of machine CPU per message, both cores ${Math.round(d.burstBusyShare * 100)} % busy; ${parts(d.burstCpuByPart)}`;

/** Starts counting CPU; `close()` returns the machine's and every process's, before and after. */
function cpuWindow() {
  const processesBefore = processTicks();
  const { busy: busyBefore, total: totalBefore } = machineSeconds();
  return {
    close: () => {
      const { busy: busyAfter, total: totalAfter } = machineSeconds();
      return {
        processesBefore,
        busyBefore,
        busyAfter,
        totalBefore,
        totalAfter,
        processesAfter: processTicks(),
      };
    },
  };
}

/**
 * A drain in two parts: how long after the link healed the first backlog message was consumed —
 * NATS's own stream-source retry after a leafnode comes back, the same for both sides — and from
 * there the rate at which the backlog went through, with the machine's CPU per message.
 */
function drainFigures(t0, firstAt, lastAt, used) {
  return {
    drain: (lastAt - t0) / 1_000,
    drainResumedAfter: (firstAt - t0) / 1_000,
    drainRate: Math.round(((BACKLOG - 1) * 1_000) / Math.max(1, lastAt - firstAt)),
    drainCpuMicrosPerMessage: machineMicrosPerMessage(used, BACKLOG),
  };
}

/**
 * The burst's CPU: the machine's per message, the share of both cores it kept busy (below 1 the
 * burst was waiting on something, not short of CPU), and where it went.
 */
function burstCpu(used) {
  const { busyBefore, busyAfter, totalBefore, totalAfter } = used;
  return {
    burstCpuMicrosPerMessage: machineMicrosPerMessage(used, BURST),
    burstBusyShare: Number(((busyAfter - busyBefore) / (totalAfter - totalBefore)).toFixed(2)),
    burstCpuByPart: cpuByPart(used, BURST),
  };
}

/**
 * Where a window's CPU went, in µs per message: each gateway, Postgres (every backend, the
 * bench's own counting queries included), this network's NATS servers, and the rest of the
 * machine (the bench itself, the kernel's interrupts, anything else running).
 */
function cpuByPart({ processesBefore, processesAfter, busyBefore, busyAfter }, messages) {
  const gatewayOf = new Map([...gateways].map(([division, g]) => [g.pid, division]));
  const natsPids = new Set([...network.servers.values()].map((s) => s.child.pid));
  const ticks = ticksByPart(processesBefore, processesAfter, (pid, comm) => {
    if (gatewayOf.has(pid)) return `gateway ${gatewayOf.get(pid)}`;
    if (natsPids.has(pid)) return 'nats-servers';
    if (comm === 'postgres') return 'postgres';
    return undefined;
  });
  const micros = (t) => Math.round((t * 1e6) / CLOCK_TICKS / messages);
  const parts = Object.fromEntries(
    Object.entries(ticks)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([part, t]) => [part, micros(t)]),
  );
  const counted = Object.values(ticks).reduce((sum, t) => sum + t, 0);
  parts.rest = Math.round(
    ((busyAfter - busyBefore) * 1e6 - (counted * 1e6) / CLOCK_TICKS) / messages,
  );
  return parts;
}

// Postgres (and Redis) as the tests find them; this run's NATS servers are its own.
const backing = await ensureBackingServices({ log });
process.env.DATABASE_URL ??= backing.databaseUrl;
process.env.NATS_URL ??= backing.natsUrl;
process.env.REDIS_URL ??= backing.redisUrl;

const dir = mkdtempSync(join(tmpdir(), 'bench-exchange-'));
const taken = new Set();
async function uniquePort() {
  for (;;) {
    const port = await freePort();
    if (!taken.has(port)) {
      taken.add(port);
      return port;
    }
  }
}

const ports = [];
while (ports.length < NETWORK_DIVISIONS.length) {
  ports.push({ nats: await uniquePort(), natsHttp: await uniquePort(), leaf: await uniquePort() });
}
const network = new NatsNetwork(NETWORK_DIVISIONS, join(dir, 'nats'), (_d, i) => ports[i]);
const secrets = makeSecrets(NETWORK_DIVISIONS);
const gateways = new Map();
const schemas = new Map();
const connections = [];

async function nats(division) {
  const nc = await connect({ servers: network.url(division) });
  connections.push(nc);
  return nc;
}

/** Publishes `bodies` (lazily built) to `subject`, up to 1,000 unacknowledged at a time. */
async function publishAll(js, subject, count, body) {
  const inFlight = new Set();
  for (let i = 0; i < count; i++) {
    const p = js.publish(subject, body(i), { timeout: 30_000 }).finally(() => inFlight.delete(p));
    inFlight.add(p);
    if (inFlight.size >= 1_000) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

/** Publishes at `rate` per second for `seconds`. */
async function publishPaced(js, subject, rate, seconds, body) {
  const total = rate * seconds;
  const start = Date.now();
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1_000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    pending.push(js.publish(subject, body(i), { timeout: 30_000 }));
  }
  await Promise.all(pending);
  return total;
}

// ---------------------------------------------------------------- baseline: bare JetStream hops

async function baseline() {
  const county = await nats(COUNTY);
  const city = await nats(CITY);
  const province = await nats(PROVINCE);
  const suffix = uniqueSuffix().toUpperCase();
  const streams = {
    county: `BENCH_${suffix}_${COUNTY}`,
    city: `BENCH_${suffix}_${CITY}`,
    province: `BENCH_${suffix}_${PROVINCE}`,
  };
  const subject = `bench.${suffix}.${COUNTY}.up`;
  await (await jetstreamManager(county)).streams.add({ name: streams.county, subjects: [subject] });
  await (
    await jetstreamManager(city)
  ).streams.add({
    name: streams.city,
    sources: [{ name: streams.county, external: { api: `$JS.${COUNTY}.API`, deliver: '' } }],
  });
  await (
    await jetstreamManager(province)
  ).streams.add({
    name: streams.province,
    sources: [{ name: streams.city, external: { api: `$JS.${CITY}.API`, deliver: '' } }],
  });
  await (
    await jetstreamManager(province)
  ).consumers.add(streams.province, {
    durable_name: 'bench',
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
  const consumer = await jetstream(province).consumers.get(streams.province, 'bench');
  let received = 0;
  let latencies = null;
  // The backlog's first and last message, by the time they were consumed.
  let backlogFrom = Infinity;
  let backlogFirstAt = 0;
  let backlogLastAt = 0;
  const messages = await consumer.consume({ max_messages: 256 });
  void (async () => {
    for await (const m of messages) {
      const sent = Number(m.string().split(':')[0]);
      latencies?.push(Date.now() - sent);
      received++;
      if (received > backlogFrom) {
        backlogLastAt = Date.now();
        backlogFirstAt ||= backlogLastAt;
      }
      m.ack();
    }
  })();
  const js = jetstream(county);
  const body = () => `${Date.now()}:${'x'.repeat(400)}`;
  const until = async (n, timeoutMs = 3_600_000) => {
    const deadline = Date.now() + timeoutMs;
    while (received < n) {
      if (Date.now() > deadline) throw new Error(`baseline: ${received}/${n} after timeout`);
      await sleep(5);
    }
  };

  // Warm-up, as the federation gets.
  await publishAll(js, subject, WARMUP, body);
  await until(WARMUP);
  // Burst.
  let cpu = cpuWindow();
  let t0 = Date.now();
  await publishAll(js, subject, BURST, body);
  await until(WARMUP + BURST);
  const burst = { messages: BURST, seconds: (Date.now() - t0) / 1_000 };
  const burstUsed = burstCpu(cpu.close());
  // Paced latency.
  latencies = [];
  const paced = await publishPaced(js, subject, RATE, SECONDS, body);
  await until(WARMUP + BURST + paced);
  const sorted = latencies.sort((a, b) => a - b);
  latencies = null;
  // Backlog.
  await network.stopServer(CITY);
  await publishAll(js, subject, BACKLOG, body);
  backlogFrom = WARMUP + BURST + paced;
  cpu = cpuWindow();
  t0 = Date.now();
  await network.startServer(CITY);
  await until(WARMUP + BURST + paced + BACKLOG);
  const used = cpu.close();
  const drained = drainFigures(t0, backlogFirstAt, backlogLastAt, used);
  drained.drainCpuByPart = cpuByPart(used, BACKLOG);
  messages.stop();
  await network.waitForLinks();
  for (const [division, name] of [
    [PROVINCE, streams.province],
    [CITY, streams.city],
    [COUNTY, streams.county],
  ]) {
    const nc = await nats(division);
    await (await jetstreamManager(nc)).streams.delete(name);
  }
  return {
    burst: burst.messages / burst.seconds,
    ...burstUsed,
    p50: pct(sorted, 50),
    p99: pct(sorted, 99),
    ...drained,
  };
}

// ------------------------------------------------------------ the federation: three gateways

async function startGateways() {
  const keys = await TestKeys.create();
  const auth = keys.env();
  const { databaseUrl, redisUrl } = backingServices();
  const prefix = `bench_${uniqueSuffix()}_`;
  // Ports one at a time (two free-port probes at once may be handed the same port), then the
  // three gateways migrate and start side by side.
  const gatewayPorts = [];
  for (let i = 0; i < network.instances.length; i++) gatewayPorts.push(await uniquePort());
  const start = async (instance, index) => {
    const port = gatewayPorts[index];
    const service = { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT' };
    const env = {
      ...instanceEnv({
        instance,
        index,
        portOf: () => port,
        backing: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl },
        secrets,
        schemaPrefix: prefix,
        common: {
          NODE_ENV: 'development',
          LOG_LEVEL: 'info',
          AUTH_PUBLIC_KEY_FILE: auth.AUTH_PUBLIC_KEY_FILE,
          AUTH_ISSUER: auth.AUTH_ISSUER,
          AUTH_AUDIENCE: auth.AUTH_AUDIENCE,
          FEDERATION_STATISTICS_INTERVAL_MS: '0',
        },
      })(service),
    };
    await ServiceProcess.migrate('exchange-gateway', env);
    schemas.set(instance.division, await TestSchema.attach(env.DB_SCHEMA));
    const gateway = new ServiceProcess(
      'exchange-gateway',
      port,
      env,
      join(dir, 'logs', `${instance.division}-exchange-gateway.log`),
      GATEWAY_NODE_ARGS,
    );
    gateways.set(instance.division, gateway);
    await gateway.start();
  };
  await Promise.all(network.instances.map(start));
}

async function federation() {
  await startGateways();
  const province = schemas.get(PROVINCE);
  // The county signs for its link to the city, exactly as its gateway does.
  const countyKeys = new LinkKeyring(`${CITY}-1:${secrets.links[`${CITY}-${COUNTY}`]}`);
  const js = jetstream(await nats(COUNTY));
  const subject = `ms.${COUNTY}.federation.to.${CITY}`;

  /** Status reports for complaints the province forwarded: `cases` cases × PER_CASE in order. */
  async function prepare(tag, count) {
    const cases = Math.ceil(count / PER_CASE);
    await province.query(
      `INSERT INTO federation_forwarded_case (tracking_code, recipient, envelope_id, forwarded_at)
       SELECT $1 || g, $2, gen_random_uuid(), now() FROM generate_series(1, $3) g`,
      [tag, COUNTY, cases],
    );
    // Message i: case i % cases, its (i / cases + 1)-th report — a case's reports in order.
    return (i) => {
      const trackingCode = `${tag}${(i % cases) + 1}`;
      const caseSeq = Math.floor(i / cases) + 1;
      const now = new Date().toISOString();
      return JSON.stringify(
        signForHop(
          countyKeys,
          {
            id: randomUUID(),
            version: 1,
            type: 'case.status-changed',
            originDivision: COUNTY,
            senderDivision: COUNTY,
            recipientDivision: PROVINCE,
            caseKey: trackingCode,
            caseSeq,
            createdAt: now,
            payload: {
              trackingCode,
              handlingDivision: COUNTY,
              petitionNumber: `${COUNTY}-2026-${String((i % cases) + 1).padStart(6, '0')}`,
              status: caseSeq === 1 ? 'registered' : 'accepted',
              event: caseSeq === 1 ? 'petition.case.registered' : 'petition.case.accepted',
              at: now,
              summary: null,
            },
          },
          CITY,
        ),
      );
    };
  }
  const applied = async (tag) => {
    const [{ n }] = await province.query(
      `SELECT count(*)::int AS n FROM federation_inbox WHERE origin = $1 AND case_key LIKE $2`,
      [COUNTY, `${tag}%`],
    );
    return n;
  };
  // The count scans the province's inbox on the same Postgres as the system under test, so it
  // is taken rarely while much is left and often near the end: at about half the time the rest
  // should take at the rate seen so far, between 50 ms and 1 s.
  const until = async (tag, n, timeoutMs = 4 * 3_600_000) => {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let last = 0;
    while ((last = await applied(tag)) < n) {
      if (Date.now() > deadline) throw new Error(`federation ${tag}: ${last}/${n} after timeout`);
      const perMs = last / Math.max(1, Date.now() - started);
      await sleep(perMs > 0 ? Math.min(1_000, Math.max(50, (n - last) / perMs / 2)) : 200);
    }
  };

  // Warm-up: the gateways have just started, and a first stream of envelopes through all three
  // tiers compiles their hot paths before anything is timed (intake's and petition's benchmarks
  // warm up too). Not counted.
  const warmBody = await prepare('BW', WARMUP);
  await publishAll(js, subject, WARMUP, warmBody);
  await until('BW', WARMUP);
  // Burst. Its envelopes are built and signed beforehand, as the backlog's are before the drain:
  // the window holds the exchange's work and JetStream publishing them, not the load generator's
  // JSON and HMAC on the same cores.
  const burstBody = await prepare('BB', BURST);
  const bodies = Array.from({ length: BURST }, (_, i) => burstBody(i));
  let cpu = cpuWindow();
  let t0 = Date.now();
  await publishAll(js, subject, BURST, (i) => bodies[i]);
  await until('BB', BURST);
  const burstSeconds = (Date.now() - t0) / 1_000;
  const burstUsed = burstCpu(cpu.close());
  // Paced latency: propagation = applied at the province − written at the county.
  const pacedBody = await prepare('BP', RATE * SECONDS);
  const paced = await publishPaced(js, subject, RATE, SECONDS, pacedBody);
  await until('BP', paced);
  const [latency] = await province.query(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99
       FROM (SELECT extract(epoch FROM i.applied_at - s.at) * 1000 AS ms
               FROM federation_inbox i JOIN federation_case_status s ON s.envelope_id = i.envelope_id
              WHERE i.case_key LIKE 'BP%') t`,
  );
  // Backlog after a link cut.
  const backlogBody = await prepare('BL', BACKLOG);
  await network.stopServer(CITY);
  const t1 = Date.now();
  await publishAll(js, subject, BACKLOG, backlogBody);
  log(`  ${BACKLOG} envelopes queued at the county in ${((Date.now() - t1) / 1_000).toFixed(1)} s`);
  cpu = cpuWindow();
  t0 = Date.now();
  await network.startServer(CITY);
  await until('BL', BACKLOG);
  const used = cpu.close();
  // Applied at the province, by the province's own clock_timestamp() on this same machine.
  const [{ first, last }] = await province.query(
    `SELECT min(applied_at) AS first, max(applied_at) AS last FROM federation_inbox
      WHERE origin = $1 AND case_key LIKE 'BL%'`,
    [COUNTY],
  );
  const drained = drainFigures(t0, first.getTime(), last.getTime(), used);
  drained.drainCpuByPart = cpuByPart(used, BACKLOG);

  // Exactly once and in order, checked rather than assumed.
  const [{ dup }] = await province.query(
    `SELECT count(*)::int AS dup FROM (SELECT case_key FROM federation_inbox WHERE origin = $1
      GROUP BY case_key, case_seq HAVING count(*) > 1) d`,
    [COUNTY],
  );
  const [{ disorder }] = await province.query(
    `SELECT count(*)::int AS disorder FROM (
       SELECT case_seq, lag(case_seq) OVER (PARTITION BY case_key ORDER BY applied_at, case_seq) AS prev
         FROM federation_inbox WHERE origin = $1) t WHERE prev IS NOT NULL AND case_seq <> prev + 1`,
    [COUNTY],
  );
  const [{ dead }] = await province.query(
    `SELECT count(*)::int AS dead FROM federation_dead_letter`,
  );
  return {
    burst: BURST / burstSeconds,
    ...burstUsed,
    p50: Number(latency.p50),
    p99: Number(latency.p99),
    ...drained,
    duplicates: dup,
    outOfOrder: disorder,
    deadLetters: dead,
  };
}

async function cleanUp() {
  for (const nc of connections) await nc.close().catch(() => undefined);
  for (const gateway of gateways.values()) await gateway.kill('SIGTERM');
  await network.stop();
  for (const schema of schemas.values()) await schema.drop();
  rmSync(dir, { recursive: true, force: true });
}

try {
  log(
    `network in ${dir}; warm-up ${WARMUP}, burst ${BURST}, ${RATE}/s for ${SECONDS} s, backlog ${BACKLOG}`,
  );
  await network.start();
  log('baseline: bare JetStream, county → city → province by stream sourcing…');
  const bare = await baseline();
  log(
    `  burst ${bare.burst.toFixed(0)} msg/s · p50 ${bare.p50} ms · p99 ${bare.p99} ms at ${RATE}/s`,
  );
  log(`  ${burstCpuLine(bare)}`);
  log(`  ${drainLine(bare)}`);
  log(`  ${cpuLine(bare)}`);
  log('federation: three exchange-gateways, signed envelopes, inbox apply at city and province…');
  const fed = await federation();
  log(
    `  burst ${fed.burst.toFixed(0)} msg/s · p50 ${fed.p50.toFixed(0)} ms · p99 ${fed.p99.toFixed(0)} ms at ${RATE}/s`,
  );
  log(`  ${burstCpuLine(fed)}`);
  log(`  ${drainLine(fed)}`);
  log(`  ${cpuLine(fed)}`);
  log(
    `  checks: ${fed.duplicates} applied twice, ${fed.outOfOrder} out of order, ${fed.deadLetters} dead letters`,
  );
  log(
    `ratio to baseline: throughput ${(fed.burst / bare.burst).toFixed(3)} · backlog drain ${(bare.drain / fed.drain).toFixed(3)} · drain rate ${(fed.drainRate / bare.drainRate).toFixed(3)}`,
  );
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'exchange',
        settings: { burst: BURST, rate: RATE, seconds: SECONDS, backlog: BACKLOG, warmup: WARMUP },
        baseline: bare,
        federation: fed,
        ratio: {
          throughput: fed.burst / bare.burst,
          drain: bare.drain / fed.drain,
          drainRate: fed.drainRate / bare.drainRate,
        },
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await cleanUp();
}
