import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { eventEnvelopeSchema, type EventEnvelope } from '@minsheng/contracts';
import { wireNames } from '@minsheng/messaging';
import { runServiceMigrations, serviceDataSourceOptions } from '@minsheng/persistence';
import { CONSUMED_EVENTS, ReadModelRouter } from '../read-model/read-model-router.js';
import { entities, migrations } from '../schema.js';

/** The tables built from events; a rebuild recreates exactly these. */
export const READ_MODEL_TABLES = [
  'case_fact',
  'case_rollup_daily',
  'leader_message_fact',
  'reception_fact',
  'case_ownership_fact',
  'complaint_doc',
  'complaint_keywords',
  'topic_daily',
  'warning',
  'suggestion_fact',
  'child_rollup_day',
  'child_rollup_daily',
] as const;

export interface RebuildOptions {
  databaseUrl: string;
  nc: NatsConnection;
  namespace: string;
  /** The live schema: its journal and theme rules are read, nothing in it is written. */
  liveSchema: string;
  /** Dropped and recreated with the service's migrations. */
  targetSchema: string;
  batchSize?: number;
}

export interface RebuildResult {
  fromJournal: number;
  fromStreams: number;
  millis: number;
}

const OWNERS = [...new Set(CONSUMED_EVENTS.map((e) => e.owner))];
const BY_SUBJECT = new Map(CONSUMED_EVENTS.map((e) => [e.subject, e]));

/**
 * Replays the event history into fresh tables, through the same router the live consumers use.
 * History = the owners' JetStream streams (limits retention, 90 days by default) and, for
 * anything older than a stream's first message, statistics' own event journal.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildResult> {
  const started = Date.now();
  const { databaseUrl, targetSchema, liveSchema } = options;
  const admin = new DataSource({
    ...serviceDataSourceOptions({
      url: databaseUrl,
      schema: liveSchema,
      entities,
      migrations,
      applicationName: 'statistics-rebuild',
    }),
    logging: false,
  });
  await admin.initialize();
  await admin.query(`DROP SCHEMA IF EXISTS "${targetSchema}" CASCADE`);
  await admin.destroy();
  await runServiceMigrations({
    url: databaseUrl,
    schema: targetSchema,
    entities,
    migrations,
    applicationName: 'statistics-rebuild',
  });
  const target = new DataSource({
    ...serviceDataSourceOptions({
      url: databaseUrl,
      schema: targetSchema,
      entities,
      migrations,
      applicationName: 'statistics-rebuild',
    }),
    logging: false,
  });
  await target.initialize();
  const router = new ReadModelRouter();
  const batchSize = options.batchSize ?? 500;
  let batch: EventEnvelope[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    await target.transaction(async (tx) => {
      for (const envelope of events) await router.apply(tx, envelope);
    });
  };
  const push = async (raw: unknown) => {
    const envelope = decode(raw);
    if (!envelope) return false;
    batch.push(envelope);
    if (batch.length >= batchSize) await flush();
    return true;
  };
  let fromJournal = 0;
  let fromStreams = 0;
  try {
    // Staff-edited rules are not events: the rebuilt tables are tagged with the live ones.
    await target.query(`DELETE FROM theme_rule`);
    await target.query(`INSERT INTO theme_rule SELECT * FROM "${liveSchema}".theme_rule`);
    const jsm = await jetstreamManager(options.nc);
    const js = jetstream(options.nc);
    for (const owner of OWNERS) {
      const stream = wireNames.ownerStream(options.namespace, owner);
      const info = await jsm.streams.info(stream).catch(() => null);
      const first =
        info && info.state.messages > 0
          ? decode(
              JSON.parse(
                new TextDecoder().decode(
                  (await jsm.streams.getMessage(stream, { seq: info.state.first_seq }))!.data,
                ),
              ),
            )
          : null;
      // Older than the stream's memory: from the journal, in the order it was applied.
      const journal: Array<{ envelope: unknown }> = await target.query(
        `SELECT envelope FROM "${liveSchema}".event_journal
          WHERE subject LIKE $1 AND ($2::timestamptz IS NULL OR occurred_at < $2)
          ORDER BY seq`,
        [`${owner}.%`, first?.occurredAt ?? (info ? null : '9999-01-01T00:00:00Z')],
      );
      for (const row of journal) if (await push(row.envelope)) fromJournal += 1;
      if (!info || info.state.messages === 0) continue;
      // Ordered consumer over the whole stream (the server here predates filter_subjects);
      // subjects statistics does not read are skipped by decode().
      const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.All });
      const lastSeq = info.state.last_seq;
      const messages = await consumer.consume({ max_messages: 1_000 });
      for await (const msg of messages) {
        if (await push(msg.json())) fromStreams += 1;
        if (msg.info.pending === 0 || msg.info.streamSequence >= lastSeq) break;
      }
      await messages.close();
    }
    await flush();
  } finally {
    await target.destroy();
  }
  return { fromJournal, fromStreams, millis: Date.now() - started };
}

function decode(raw: unknown): EventEnvelope | null {
  const envelope = eventEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return null;
  const event = BY_SUBJECT.get(envelope.data.type);
  if (!event) return null;
  const data = event.schema.safeParse(envelope.data.data);
  return data.success ? { ...envelope.data, data: data.data } : null;
}

/** Rows in one schema's table and not the other's (both ways), per read-model table. */
export async function compareReadModels(
  dataSource: DataSource,
  a: string,
  b: string,
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of READ_MODEL_TABLES) {
    const [row]: Array<{ n: string }> = await dataSource.query(
      `SELECT (SELECT count(*) FROM (SELECT * FROM "${a}".${table} EXCEPT ALL SELECT * FROM "${b}".${table}) x)
            + (SELECT count(*) FROM (SELECT * FROM "${b}".${table} EXCEPT ALL SELECT * FROM "${a}".${table}) y) AS n`,
    );
    out[table] = Number(row.n);
  }
  return out;
}

/** Moves the rebuilt tables in and the old ones out (to `<live>_previous`), in one transaction. */
export async function swapReadModels(
  dataSource: DataSource,
  live: string,
  rebuilt: string,
): Promise<void> {
  const previous = `${live}_previous`;
  await dataSource.transaction(async (tx) => {
    await tx.query(`DROP SCHEMA IF EXISTS "${previous}" CASCADE`);
    await tx.query(`CREATE SCHEMA "${previous}"`);
    for (const table of READ_MODEL_TABLES) {
      await tx.query(`ALTER TABLE "${live}".${table} SET SCHEMA "${previous}"`);
      await tx.query(`ALTER TABLE "${rebuilt}".${table} SET SCHEMA "${live}"`);
    }
  });
}
