#!/usr/bin/env node
// bench/outbox: the outbox relay (issue #12: ≥ 5,000 events/s, commit-to-publish p99 ≤ 1 s).
// The messaging pieces booted as an app boots them — a Nest context with MessagingModule over a
// service schema migrated with CreateMessagingTables — then events written through the real
// EventPublisher in the caller's transaction (with a state row beside each, as a use case does)
// and published by the real OutboxRelay, counted by a JetStream consumer. Against a bare baseline
// in the same run: a raw nats.js publisher publishing the same messages with msgIDs.
// Usage: node bench/outbox/run.mjs [--events 25000] [--runs 1] [--concurrency 8]
// Prints one JSON report on stdout (read by bench/run.mjs); logs on stderr.
import { randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureBackingServices } from '../../tools/dev/backing-services.mjs';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '25000' },
    runs: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '8' },
  },
});
const EVENTS = Number(values.events);
const RUNS = Math.max(1, Number(values.runs));
const CONCURRENCY = Number(values.concurrency);
const SERVICE = 'bench-outbox';
const SCHEMA = 'bench_outbox';
const NAMESPACE = `bench.outbox.${randomUUID().slice(0, 8)}`;
const log = (...a) => console.error('[bench:outbox]', ...a);

const { databaseUrl, natsUrl } = await ensureBackingServices({ log });
const { defineEvent } = await import('@minsheng/contracts');
const { runServiceMigrations, serviceDataSourceOptions, inTransaction } =
  await import('@minsheng/persistence');
const { HealthRegistry } = await import('@minsheng/observability');
const { MessagingModule, EventPublisher, CreateMessagingTables1764400000000, wireNames } =
  await import('@minsheng/messaging');

// A realistic event: ids, a division, a status, a short Chinese summary (~450 bytes of envelope).
const itemRecordedEvent = defineEvent(
  'bench-outbox.item.recorded',
  z.object({
    itemId: z.string().uuid(),
    seq: z.number().int(),
    status: z.string(),
    summary: z.string(),
    writtenAt: z.number(),
  }),
);
const SUMMARY = '群众反映小区门口道路破损严重，雨天积水，出行不便，请求尽快维修。';

/** A service's own state table, written beside each event as a use case does. */
class CreateBenchItems1764400000001 {
  name = 'CreateBenchItems1764400000001';
  async up(q) {
    await q.query(`CREATE TABLE "${SCHEMA}".bench_item (
      id uuid PRIMARY KEY, division_code text NOT NULL, status text NOT NULL,
      summary text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q) {
    await q.query(`DROP TABLE "${SCHEMA}".bench_item`);
  }
}

const admin = new pg.Client({ connectionString: databaseUrl });
await admin.connect();
await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
const schemaOptions = {
  url: databaseUrl,
  schema: SCHEMA,
  entities: [],
  migrations: [CreateMessagingTables1764400000000, CreateBenchItems1764400000001],
  applicationName: 'bench-outbox',
  poolSize: CONCURRENCY + 4,
};
await runServiceMigrations(schemaOptions);
const dataSource = new DataSource({ ...serviceDataSourceOptions(schemaOptions), logging: false });
await dataSource.initialize();

// The global pieces ServiceCoreModule would provide (DataSource, HealthRegistry), then messaging.
class BenchCoreModule {}
Global()(BenchCoreModule);
Module({
  providers: [{ provide: DataSource, useValue: dataSource }, HealthRegistry],
  exports: [DataSource, HealthRegistry],
})(BenchCoreModule);
class BenchOutboxModule {}
Module({
  imports: [
    BenchCoreModule,
    MessagingModule.forRoot({
      service: SERVICE,
      namespace: NAMESPACE,
      servers: [natsUrl],
      schema: SCHEMA,
    }),
  ],
})(BenchOutboxModule);

const toStderr = (...a) => console.error('[nest]', ...a);
const app = await NestFactory.createApplicationContext(BenchOutboxModule, {
  logger: { log() {}, debug() {}, verbose() {}, warn: toStderr, error: toStderr, fatal: toStderr },
});
app.enableShutdownHooks();
await app.init();
const publisher = app.get(EventPublisher);

const nc = await connect({ servers: natsUrl, name: 'bench-outbox-consumer' });
const js = jetstream(nc);
const jsm = await jetstreamManager(nc);
const SYSTEM_STREAM = wireNames.ownerStream(NAMESPACE, SERVICE);
const BASELINE_STREAM = `${SYSTEM_STREAM}_BASELINE`;
const BASELINE_SUBJECT = `${NAMESPACE}.baseline.item.recorded`;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (v) => Math.round(v * 10) / 10;

/**
 * Counts arrivals on a stream (it holds only this benchmark's subjects) from its current end with an
 * ordered consumer; `expect(n)` resolves
 * with the arrival time of each message keyed by the `seq` in its data.
 */
async function arrivals(stream, readSeq) {
  const { state } = await jsm.streams.info(stream);
  const consumer = await js.consumers.get(stream, {
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: state.last_seq + 1,
  });
  const seen = new Map();
  let target = Infinity;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const messages = await consumer.consume({ max_messages: 1024 });
  (async () => {
    for await (const m of messages) {
      const seq = readSeq(m);
      if (!seen.has(seq)) seen.set(seq, performance.now());
      if (seen.size >= target) done();
    }
  })();
  return {
    expect(n) {
      target = n;
      if (seen.size >= n) done();
      return finished.then(() => {
        messages.stop();
        return seen;
      });
    },
  };
}

/** Writes EVENTS events through EventPublisher, `perTx` to a transaction, CONCURRENCY at once. */
async function writeThroughPublisher(perTx, committedAt) {
  const transactions = Math.ceil(EVENTS / perTx);
  let next = 0;
  const worker = async () => {
    while (next < transactions) {
      const t = next++;
      const first = t * perTx;
      const count = Math.min(perTx, EVENTS - first);
      await inTransaction(dataSource, async (tx) => {
        for (let i = 0; i < count; i++) {
          const itemId = randomUUID();
          await tx.query(
            `INSERT INTO "${SCHEMA}".bench_item (id, division_code, status, summary) VALUES ($1, $2, $3, $4)`,
            [itemId, '510104', 'registered', SUMMARY],
          );
          await publisher.publish(
            tx,
            itemRecordedEvent,
            {
              itemId,
              seq: first + i,
              status: 'registered',
              summary: SUMMARY,
              writtenAt: performance.timeOrigin + performance.now(),
            },
            { divisionCode: '510104' },
          );
        }
      });
      const now = performance.now();
      for (let i = 0; i < count; i++) committedAt[first + i] = now;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

const systemSeq = (m) => m.json().data.seq;

/** Live: the relay publishes while the writers commit. */
async function live(perTx) {
  const counter = await arrivals(SYSTEM_STREAM, systemSeq);
  const committedAt = new Array(EVENTS);
  const started = performance.now();
  await writeThroughPublisher(perTx, committedAt);
  const written = performance.now();
  const seen = await counter.expect(EVENTS);
  const last = Math.max(...seen.values());
  const latencies = [...seen].map(([seq, at]) => at - committedAt[seq]).sort((a, b) => a - b);
  return {
    eventsPerSecond: Math.round(EVENTS / ((last - started) / 1000)),
    committedEventsPerSecond: Math.round(EVENTS / ((written - started) / 1000)),
    p50Ms: ms(percentile(latencies, 50)),
    p99Ms: ms(percentile(latencies, 99)),
    maxMs: ms(latencies.at(-1)),
    drainedAfterLastCommitMs: ms(last - written),
  };
}

/**
 * Backlog: the relay is held off by taking its advisory lock (as a second replica would hold it)
 * while EVENTS are committed; then released. Measures what the relay alone can publish.
 */
async function backlog() {
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query(`SELECT pg_advisory_lock(hashtext($1))`, [`outbox:${SCHEMA}`]);
  const counter = await arrivals(SYSTEM_STREAM, systemSeq);
  await writeThroughPublisher(10, new Array(EVENTS));
  const released = performance.now();
  await holder.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`outbox:${SCHEMA}`]);
  await holder.end();
  // One more local commit wakes the relay at once, as the next request would, instead of waiting
  // for its next poll.
  await inTransaction(dataSource, (tx) =>
    publisher.publish(
      tx,
      itemRecordedEvent,
      { itemId: randomUUID(), seq: EVENTS, status: 'registered', summary: SUMMARY, writtenAt: 0 },
      { divisionCode: '510104' },
    ),
  );
  const seen = await counter.expect(EVENTS + 1);
  const last = Math.max(...seen.values());
  return {
    eventsPerSecond: Math.round((EVENTS + 1) / ((last - released) / 1000)),
    drainSeconds: ms((last - released) / 1000),
  };
}

/** Baseline: raw nats.js, the same envelopes with msgIDs, async acks awaited in windows of 256. */
async function baseline() {
  await jsm.streams.add({
    name: BASELINE_STREAM,
    subjects: [`${NAMESPACE}.baseline.>`],
    duplicate_window: 2 * 60_000 * 1_000_000,
  });
  const counter = await arrivals(BASELINE_STREAM, systemSeq);
  const sentAt = new Array(EVENTS);
  const started = performance.now();
  const WINDOW = 256;
  for (let first = 0; first < EVENTS; first += WINDOW) {
    const acks = [];
    for (let seq = first; seq < Math.min(EVENTS, first + WINDOW); seq++) {
      const envelope = {
        eventId: randomUUID(),
        type: itemRecordedEvent.subject,
        occurredAt: new Date().toISOString(),
        divisionCode: '510104',
        correlationId: randomUUID(),
        data: {
          itemId: randomUUID(),
          seq,
          status: 'registered',
          summary: SUMMARY,
          writtenAt: Date.now(),
        },
      };
      sentAt[seq] = performance.now();
      acks.push(
        js.publish(BASELINE_SUBJECT, JSON.stringify(envelope), { msgID: envelope.eventId }),
      );
    }
    await Promise.all(acks);
  }
  const seen = await counter.expect(EVENTS);
  const last = Math.max(...seen.values());
  const latencies = [...seen].map(([seq, at]) => at - sentAt[seq]).sort((a, b) => a - b);
  await jsm.streams.delete(BASELINE_STREAM);
  return {
    eventsPerSecond: Math.round(EVENTS / ((last - started) / 1000)),
    p50Ms: ms(percentile(latencies, 50)),
    p99Ms: ms(percentile(latencies, 99)),
  };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
function medianReport(reports) {
  const out = {};
  for (const key of Object.keys(reports[0])) {
    out[key] = Object.fromEntries(
      Object.keys(reports[0][key]).map((k) => [k, median(reports.map((r) => r[key][k]))]),
    );
  }
  return out;
}

const loadAtStart = loadavg()[0];
const reports = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const report = {};
    log(`run ${run}/${RUNS}: baseline (raw nats.js), ${EVENTS} messages`);
    report.baseline = await baseline();
    log(`  ${JSON.stringify(report.baseline)}`);
    log(`run ${run}/${RUNS}: live, 1 event per transaction, ${CONCURRENCY} writers`);
    report.live1 = await live(1);
    log(`  ${JSON.stringify(report.live1)}`);
    log(`run ${run}/${RUNS}: live, 10 events per transaction`);
    report.live10 = await live(10);
    log(`  ${JSON.stringify(report.live10)}`);
    log(`run ${run}/${RUNS}: backlog drain (relay held off, then released)`);
    report.backlog = await backlog();
    log(`  ${JSON.stringify(report.backlog)}`);
    await dataSource.query(`TRUNCATE "${SCHEMA}".outbox, "${SCHEMA}".bench_item`);
    reports.push(report);
  }
} finally {
  await app.close();
  await dataSource.destroy();
  for (const name of [SYSTEM_STREAM, BASELINE_STREAM, wireNames.deadLetterStream(NAMESPACE)]) {
    await jsm.streams.delete(name).catch(() => undefined);
  }
  await nc.close();
  await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await admin.end();
}

const m = medianReport(reports);
const result = {
  settings: { events: EVENTS, runs: RUNS, concurrency: CONCURRENCY, relayBatch: 256 },
  machine: {
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: Number(loadAtStart.toFixed(1)),
  },
  ...m,
  ratio: {
    live1ToBaseline: Number((m.live1.eventsPerSecond / m.baseline.eventsPerSecond).toFixed(2)),
    live10ToBaseline: Number((m.live10.eventsPerSecond / m.baseline.eventsPerSecond).toFixed(2)),
    backlogToBaseline: Number((m.backlog.eventsPerSecond / m.baseline.eventsPerSecond).toFixed(2)),
  },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
process.exit(0);
