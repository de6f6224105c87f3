import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { z } from 'zod';
import { defineEvent, MessageHeaders, type EventEnvelope } from '@minsheng/contracts';
import { ObservabilityModule } from '@minsheng/observability';
import { migrationSchema, serviceDataSourceOptions } from '@minsheng/persistence';
import { backingServices, TestSchema, testNamespace, waitFor } from '@minsheng/testing';
import {
  CommandUnavailableError,
  CreateMessagingTables1764400000000,
  DerivedEventPublisher,
  EventPublisher,
  MessagingModule,
  OnEvent,
  OutboxRelay,
  wireNames,
} from '../src/index.js';

const SERVICE = 'messaging-test';
const probeRecorded = defineEvent('messaging-test.probe.recorded', z.object({ value: z.string() }));
const probeBroken = defineEvent('messaging-test.probe.broken', z.object({ value: z.string() }));
const probeWaiting = defineEvent('messaging-test.probe.waiting', z.object({ value: z.string() }));

class CreateProbeEffects1764400000001 implements MigrationInterface {
  name = 'CreateProbeEffects1764400000001';
  async up(queryRunner: QueryRunner) {
    await queryRunner.query(
      `CREATE TABLE ${migrationSchema(queryRunner)}.probe_effect (event_id uuid, value text NOT NULL)`,
    );
  }
  async down(queryRunner: QueryRunner) {
    await queryRunner.query(`DROP TABLE ${migrationSchema(queryRunner)}.probe_effect`);
  }
}

@Injectable()
class ProbeHandlers {
  brokenAttempts = 0;

  @OnEvent(probeRecorded)
  async record(event: EventEnvelope<{ value: string }>, tx: EntityManager) {
    await tx.query('INSERT INTO probe_effect (event_id, value) VALUES ($1, $2)', [
      event.eventId,
      event.data.value,
    ]);
  }

  @OnEvent(probeBroken)
  async broken() {
    this.brokenAttempts++;
    throw new Error('probe handler is broken');
  }

  /** Asks a service that is down for its first `outageAttempts` deliveries. */
  outageAttempts = 5;
  waitingAttempts = 0;

  @OnEvent(probeWaiting)
  async waiting(event: EventEnvelope<{ value: string }>, tx: EntityManager) {
    this.waitingAttempts++;
    if (this.waitingAttempts <= this.outageAttempts) {
      throw new CommandUnavailableError('probe.service.ask: no responders');
    }
    await tx.query('INSERT INTO probe_effect (event_id, value) VALUES ($1, $2)', [
      event.eventId,
      event.data.value,
    ]);
  }
}

describe('durable messaging (outbox relay, inbox, dead letters)', () => {
  let schema: TestSchema;
  let moduleRef: TestingModule;
  let nc: NatsConnection;
  const namespace = testNamespace();

  beforeAll(async () => {
    const { databaseUrl, natsUrl } = backingServices();
    const migrations = [CreateMessagingTables1764400000000, CreateProbeEffects1764400000001];
    schema = await TestSchema.create(SERVICE, [], migrations);
    moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({ service: SERVICE, level: 'silent' }),
        TypeOrmModule.forRoot(
          serviceDataSourceOptions({
            url: databaseUrl,
            schema: schema.name,
            entities: [],
            migrations,
            applicationName: SERVICE,
          }),
        ),
        MessagingModule.forRoot({
          service: SERVICE,
          namespace,
          servers: [natsUrl],
          schema: schema.name,
          consumer: { maxAttempts: 3, backoffMs: [20] },
          // Polling this rarely, events reach consumers only because a commit wakes the relay.
          relay: { pollIntervalMs: 60_000 },
        }),
      ],
      providers: [ProbeHandlers],
    }).compile();
    await moduleRef.init();
    nc = await connect({ servers: natsUrl });
  });

  afterAll(async () => {
    await moduleRef?.close();
    const jsm = await jetstreamManager(nc);
    for (const stream of [
      wireNames.ownerStream(namespace, SERVICE),
      wireNames.deadLetterStream(namespace),
    ]) {
      await jsm.streams.delete(stream).catch(() => undefined);
    }
    await nc?.close();
    await schema?.drop();
  });

  const publishInTransaction = (value: string, event = probeRecorded) =>
    moduleRef
      .get(DataSource)
      .transaction((tx) =>
        moduleRef.get(EventPublisher).publish(tx, event, { value }, { divisionCode: '510104' }),
      );

  /** Puts a probe event on the stream as a publisher would, under its own `Nats-Msg-Id`. */
  async function publishRaw(eventId: string, value: string, msgID: string): Promise<void> {
    const envelope: EventEnvelope<{ value: string }> = {
      eventId,
      type: probeRecorded.subject,
      occurredAt: new Date().toISOString(),
      divisionCode: '510104',
      correlationId: randomUUID(),
      data: { value },
    };
    await jetstream(nc).publish(
      wireNames.event(namespace, probeRecorded.subject),
      JSON.stringify(envelope),
      { msgID },
    );
  }

  /**
   * Publishes a later event and waits for its effect: the relay and the consumer are then past
   * the point where anything published before it would have been applied.
   */
  async function laterEventApplied(value: string): Promise<void> {
    const later = await publishInTransaction(value);
    await waitFor(() => schema.count('probe_effect', 'event_id = $1', [later.eventId]), {
      what: 'the later effect',
    });
  }

  async function nextDeadLetter(subject: string): Promise<JsMsg> {
    const stream = wireNames.deadLetterStream(namespace);
    // A single filter_subject: nats-server 2.9 has no filter_subjects.
    const { name } = await (
      await jetstreamManager(nc)
    ).consumers.add(stream, {
      filter_subject: wireNames.deadLetter(namespace, SERVICE, subject),
      deliver_policy: DeliverPolicy.All,
      ack_policy: AckPolicy.None,
      inactive_threshold: 60_000_000_000,
    });
    const consumer = await jetstream(nc).consumers.get(stream, name);
    const msg = await consumer.next({ expires: 10_000 });
    if (!msg) throw new Error(`no dead letter for ${subject}`);
    return msg;
  }

  it('publishes an event as soon as its transaction commits, and its handler applies it once', async () => {
    const envelope = await publishInTransaction('committed');
    await waitFor(() => schema.count('probe_effect', 'event_id = $1', [envelope.eventId]), {
      what: 'the effect',
    });
    expect(await schema.count('probe_effect', 'event_id = $1', [envelope.eventId])).toBe(1);
    expect(
      await schema.count('outbox', 'event_id = $1 AND published_at IS NOT NULL', [
        envelope.eventId,
      ]),
    ).toBe(1);
  });

  it('publishes events committed while a drain runs at once, not at the next poll (60 s here)', async () => {
    const writers = Array.from({ length: 8 }, async (_, writer) => {
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) {
        ids.push((await publishInTransaction(`burst-${writer}-${i}`)).eventId);
      }
      return ids;
    });
    const ids = (await Promise.all(writers)).flat();
    await waitFor(
      async () =>
        (await schema.count('outbox', 'published_at IS NULL AND event_id = ANY($1)', [ids])) === 0,
      { timeoutMs: 10_000, what: 'every event of the burst published' },
    );
  });

  it('publishes a batch written with one statement in the given order, woken at commit, each applied once', async () => {
    const values = Array.from({ length: 25 }, (_, i) => `many-${randomUUID()}-${i}`);
    let statements = 0;
    const envelopes = await moduleRef.get(DataSource).transaction(async (tx) => {
      const query = tx.query.bind(tx);
      tx.query = ((...args: Parameters<typeof query>) => {
        statements++;
        return query(...args);
      }) as typeof tx.query;
      return moduleRef.get(EventPublisher).publishMany(
        tx,
        probeRecorded,
        values.map((value) => ({ data: { value }, options: { divisionCode: '510104' } })),
      );
    });
    expect(statements).toBe(1);
    expect(envelopes.map((e) => e.data.value)).toEqual(values);
    const rows = await schema.query<{ event_id: string }>(
      'SELECT event_id FROM outbox WHERE event_id = ANY($1) ORDER BY seq',
      [envelopes.map((e) => e.eventId)],
    );
    expect(rows.map((r) => r.event_id)).toEqual(envelopes.map((e) => e.eventId));
    // The relay polls every 60 s here: only the commit's nudge gets them out this soon.
    await waitFor(
      async () =>
        (await schema.count('probe_effect', 'value = ANY($1)', [values])) === values.length,
      { timeoutMs: 10_000, what: 'every event of the batch applied' },
    );
    expect(await schema.count('probe_effect', 'value = ANY($1)', [values])).toBe(values.length);
  });

  it('writes none of a batch when one of its events is invalid, and refuses to write outside a transaction', async () => {
    const marker = `invalid-batch-${randomUUID()}`;
    await expect(
      moduleRef.get(DataSource).transaction((tx) =>
        moduleRef.get(EventPublisher).publishMany(tx, probeRecorded, [
          { data: { value: marker }, options: { divisionCode: '510104' } },
          {
            data: { value: 42 } as unknown as { value: string },
            options: { divisionCode: '510104' },
          },
        ]),
      ),
    ).rejects.toThrow();
    expect(await schema.count('outbox', "envelope->'data'->>'value' = $1", [marker])).toBe(0);
    await expect(
      moduleRef
        .get(EventPublisher)
        .publishMany(moduleRef.get(DataSource).manager, probeRecorded, [
          { data: { value: marker }, options: { divisionCode: '510104' } },
        ]),
    ).rejects.toThrow('must run inside a transaction');
    expect(await schema.count('outbox', "envelope->'data'->>'value' = $1", [marker])).toBe(0);
  });

  it('publishes nothing for a transaction that rolled back', async () => {
    const marker = `rolled-back-${randomUUID()}`;
    await expect(
      moduleRef.get(DataSource).transaction(async (tx) => {
        await moduleRef
          .get(EventPublisher)
          .publish(tx, probeRecorded, { value: marker }, { divisionCode: '510104' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await laterEventApplied('after-rollback');
    expect(await schema.count('probe_effect', 'value = $1', [marker])).toBe(0);
    expect(await schema.count('outbox', "envelope->'data'->>'value' = $1", [marker])).toBe(0);
  });

  it('applies an event delivered twice only once', async () => {
    const eventId = randomUUID();
    // Different message ids get past JetStream's de-duplication window: only the inbox stands guard.
    await publishRaw(eventId, 'twice', `${eventId}-a`);
    await publishRaw(eventId, 'twice', `${eventId}-b`);
    await laterEventApplied('after-duplicate');
    expect(await schema.count('probe_effect', 'event_id = $1', [eventId])).toBe(1);
    expect(await schema.count('inbox', 'event_id = $1', [eventId])).toBe(1);
  });

  it('retries a failing handler with backoff, then dead-letters the event with the reason', async () => {
    const envelope = await publishInTransaction('doomed', probeBroken);
    const dead = await nextDeadLetter(probeBroken.subject);
    expect(dead.headers?.get(MessageHeaders.deadLetterReason)).toContain('probe handler is broken');
    expect(dead.headers?.get(MessageHeaders.deadLetterReason)).toContain(
      'HANDLER_FAILED after 3 attempts',
    );
    expect(dead.headers?.get(MessageHeaders.deadLetterConsumer)).toBe(
      wireNames.durable(SERVICE, probeBroken.subject),
    );
    expect(dead.json<EventEnvelope>().eventId).toBe(envelope.eventId);
    expect(moduleRef.get(ProbeHandlers).brokenAttempts).toBe(3);
  });

  it('keeps retrying past the last attempt while a service it asks is unavailable, then applies it once', async () => {
    const envelope = await publishInTransaction('outage', probeWaiting);
    await waitFor(() => schema.count('probe_effect', 'event_id = $1', [envelope.eventId]), {
      what: 'the effect after the outage',
    });
    const handlers = moduleRef.get(ProbeHandlers);
    // Three attempts would dead-letter any other failure; the sixth applied it.
    expect(handlers.waitingAttempts).toBe(handlers.outageAttempts + 1);
    expect(await schema.count('probe_effect', 'event_id = $1', [envelope.eventId])).toBe(1);
  });

  it('dead-letters an unreadable message at once, without calling the handler', async () => {
    const js = jetstream(nc);
    await js.publish(wireNames.event(namespace, probeRecorded.subject), '{"not": "an envelope"');
    const dead = await nextDeadLetter(probeRecorded.subject);
    expect(dead.headers?.get(MessageHeaders.deadLetterReason)).toMatch(
      /^INVALID_MESSAGE: body is not JSON/,
    );
    expect(dead.headers?.get(MessageHeaders.deliveryCount)).toBe('1');
  });

  it('publishes a derived event straight to the stream under an id derived from its cause, applied once however often it is published', async () => {
    const derived = moduleRef.get(DerivedEventPublisher);
    const cause = randomUUID();
    const marker = `derived-${cause}`;
    const item = { causeId: cause, data: { value: marker }, options: { divisionCode: '510104' } };
    await derived.publishAll(probeRecorded, [item]);
    // As an attempt that rolled back and came again would: the same event, not a second one.
    await derived.publishAll(probeRecorded, [item]);
    const eventId = DerivedEventPublisher.eventIdFor(probeRecorded, cause);
    expect(eventId).not.toBe(DerivedEventPublisher.eventIdFor(probeRecorded, randomUUID()));
    expect(eventId).not.toBe(DerivedEventPublisher.eventIdFor(probeWaiting, cause));
    await waitFor(() => schema.count('probe_effect', 'event_id = $1', [eventId]), {
      what: 'the derived effect',
    });
    // Past the stream's de-duplication window only the consumer's inbox stands guard.
    await publishRaw(eventId, marker, `${eventId}-after-the-window`);
    await laterEventApplied('after-derived');
    expect(await schema.count('probe_effect', 'value = $1', [marker])).toBe(1);
    expect(await schema.count('outbox', "envelope->'data'->>'value' = $1", [marker])).toBe(0);
  });

  it('publishes none of a derived batch when one of its events is invalid', async () => {
    const marker = `derived-invalid-${randomUUID()}`;
    await expect(
      moduleRef.get(DerivedEventPublisher).publishAll(probeRecorded, [
        { causeId: randomUUID(), data: { value: marker }, options: { divisionCode: '510104' } },
        {
          causeId: randomUUID(),
          data: { value: 42 } as unknown as { value: string },
          options: { divisionCode: '510104' },
        },
      ]),
    ).rejects.toThrow();
    await laterEventApplied('after-invalid-derived');
    expect(await schema.count('probe_effect', 'value = $1', [marker])).toBe(0);
  });

  it('drains the outbox completely and a second drain duplicates nothing', async () => {
    const relay = moduleRef.get(OutboxRelay);
    const envelope = await publishInTransaction('while-relay-idle');
    // Whether or not the background loop got there first, draining again must not duplicate it.
    await relay.drainOnce();
    await waitFor(() => schema.count('probe_effect', 'event_id = $1', [envelope.eventId]), {
      what: 'the effect',
    });
    expect(await schema.count('outbox', 'published_at IS NULL')).toBe(0);
    expect(await schema.count('probe_effect', 'event_id = $1', [envelope.eventId])).toBe(1);
  });
});
