import { Counter, Gauge } from 'prom-client';
import { sharedMetric } from '@minsheng/observability';

type OutboxStats = () => Promise<{ pending: number; oldestSeconds: number }>;
type PendingStats = () => Promise<number>;

const outboxSources = new Map<string, OutboxStats>();
const consumerSources = new Map<string, PendingStats>();

// Both outbox gauges are collected concurrently on a scrape; they share one query per source.
type OutboxValues = Map<string, { pending: number; oldestSeconds: number }>;
let outboxSnapshot: { at: number; values: Promise<OutboxValues> } | undefined;
function readOutboxStats(): Promise<OutboxValues> {
  if (!outboxSnapshot || Date.now() - outboxSnapshot.at > 500) {
    const values = (async () => {
      const result: OutboxValues = new Map();
      for (const [service, stats] of outboxSources) {
        result.set(service, await stats().catch(() => ({ pending: NaN, oldestSeconds: NaN })));
      }
      return result;
    })();
    outboxSnapshot = { at: Date.now(), values };
  }
  return outboxSnapshot.values;
}

const outboxPending = sharedMetric(
  'ms_outbox_pending_events',
  () =>
    new Gauge({
      name: 'ms_outbox_pending_events',
      help: 'Outbox events committed but not yet acknowledged by JetStream',
      labelNames: ['service'],
      async collect() {
        this.reset();
        for (const [service, { pending }] of await readOutboxStats())
          this.set({ service }, pending);
      },
    }),
);
const outboxAge = sharedMetric(
  'ms_outbox_oldest_pending_seconds',
  () =>
    new Gauge({
      name: 'ms_outbox_oldest_pending_seconds',
      help: 'Age of the oldest unpublished outbox event (outbox lag)',
      labelNames: ['service'],
      async collect() {
        this.reset();
        for (const [service, { oldestSeconds }] of await readOutboxStats()) {
          this.set({ service }, oldestSeconds);
        }
      },
    }),
);
sharedMetric(
  'ms_consumer_pending_messages',
  () =>
    new Gauge({
      name: 'ms_consumer_pending_messages',
      help: 'Messages waiting for or awaiting acknowledgement by a durable consumer',
      labelNames: ['consumer'],
      async collect() {
        this.reset();
        for (const [consumer, stats] of consumerSources) {
          this.set({ consumer }, await stats().catch(() => NaN));
        }
      },
    }),
);
const published = sharedMetric(
  'ms_outbox_published_total',
  () =>
    new Counter({
      name: 'ms_outbox_published_total',
      help: 'Events published from the outbox to JetStream',
      labelNames: ['service'],
    }),
);
const derivedPublished = sharedMetric(
  'ms_derived_events_published_total',
  () =>
    new Counter({
      name: 'ms_derived_events_published_total',
      help: 'Events published straight to JetStream as they follow from a received message (no outbox)',
      labelNames: ['service'],
    }),
);
const consumed = sharedMetric(
  'ms_events_consumed_total',
  () =>
    new Counter({
      name: 'ms_events_consumed_total',
      help: 'Events handled by durable consumers, by result',
      labelNames: ['consumer', 'result'],
    }),
);
const deadLetters = sharedMetric(
  'ms_dead_letters_total',
  () =>
    new Counter({
      name: 'ms_dead_letters_total',
      help: 'Events moved to the dead-letter subject after failing',
      labelNames: ['consumer'],
    }),
);
const pruned = sharedMetric(
  'ms_messaging_rows_pruned_total',
  () =>
    new Counter({
      name: 'ms_messaging_rows_pruned_total',
      help: 'Published outbox rows and expired inbox rows removed by retention',
      labelNames: ['service', 'table'],
    }),
);

/** Process-wide messaging metrics; sources register while their app runs. */
export const messagingMetrics = {
  watchOutbox: (service: string, stats: OutboxStats) => outboxSources.set(service, stats),
  unwatchOutbox: (service: string) => outboxSources.delete(service),
  watchConsumer: (consumer: string, stats: PendingStats) => consumerSources.set(consumer, stats),
  unwatchConsumer: (consumer: string) => consumerSources.delete(consumer),
  published: (service: string, n: number) => published.inc({ service }, n),
  derivedPublished: (service: string, n: number) => derivedPublished.inc({ service }, n),
  consumed: (consumer: string, result: 'applied' | 'duplicate' | 'retry' | 'dead-letter') =>
    consumed.inc({ consumer, result }),
  deadLettered: (consumer: string) => deadLetters.inc({ consumer }),
  pruned: (service: string, table: 'outbox' | 'inbox', n: number) =>
    pruned.inc({ service, table }, n),
  gauges: { outboxPending, outboxAge },
};
