import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { WriteBatch } from '@minsheng/persistence';
import type { EventData, EventDefinition, EventEnvelope } from '@minsheng/contracts';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { buildEventEnvelope, checkEventOwner, type PublishOptions } from './event-envelope.js';
import { OutboxCommitSignal } from './outbox-commit-signal.js';

export type { PublishOptions } from './event-envelope.js';

/**
 * Records an event in the service's outbox inside the caller's transaction, so the event exists
 * exactly when the state change does. The relay publishes it to JetStream after commit.
 */
@Injectable()
export class EventPublisher {
  private readonly insertSql: string;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly signal: OutboxCommitSignal,
  ) {
    this.insertSql = `INSERT INTO "${options.schema}".outbox (event_id, subject, envelope, headers) VALUES ($1, $2, $3, $4)`;
  }

  async publish<E extends EventDefinition>(
    manager: EntityManager,
    event: E,
    data: EventData<E>,
    options: PublishOptions,
  ): Promise<EventEnvelope<EventData<E>>> {
    const queryRunner = this.check(manager, event, 'publish');
    const { envelope, headers } = buildEventEnvelope(event, data, options);
    await manager.query(this.insertSql, this.insertParams(event, envelope, headers));
    this.signal.markTouched(queryRunner);
    return envelope;
  }

  /**
   * {@link publish} into a {@link WriteBatch}: the outbox row is written with the batch's other
   * writes (or not at all), and the relay is woken once they are durable.
   */
  stage<E extends EventDefinition>(
    batch: WriteBatch,
    event: E,
    data: EventData<E>,
    options: PublishOptions,
  ): EventEnvelope<EventData<E>> {
    checkEventOwner(this.options.service, event);
    const { envelope, headers } = buildEventEnvelope(event, data, options);
    batch
      .add(this.insertSql, this.insertParams(event, envelope, headers))
      .afterWrite((transaction) => this.signal.written(transaction));
    return envelope;
  }

  private insertParams(
    event: EventDefinition,
    envelope: EventEnvelope<unknown>,
    headers: Record<string, string>,
  ): unknown[] {
    return [envelope.eventId, event.subject, JSON.stringify(envelope), JSON.stringify(headers)];
  }

  /**
   * {@link publish} for many events of one kind in one statement: the outbox rows are written in
   * the order given (the relay publishes in that order) and the relay is woken once at commit.
   * Every item is validated before anything is written.
   */
  async publishMany<E extends EventDefinition>(
    manager: EntityManager,
    event: E,
    items: readonly { data: EventData<E>; options: PublishOptions }[],
  ): Promise<EventEnvelope<EventData<E>>[]> {
    const queryRunner = this.check(manager, event, 'publishMany');
    if (items.length === 0) return [];
    const built = items.map(({ data, options }) => buildEventEnvelope(event, data, options));
    // One JSON document of [envelope, headers] pairs rather than jsonb[] arrays: pg escapes every
    // quote of every element of an array parameter, a JSON document goes as it is.
    await manager.query(
      `INSERT INTO "${this.options.schema}".outbox (event_id, subject, envelope, headers)
       SELECT (item->0->>'eventId')::uuid, $1, item->0, item->1
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(item, n)
        ORDER BY n`,
      [event.subject, JSON.stringify(built.map((b) => [b.envelope, b.headers]))],
    );
    this.signal.markTouched(queryRunner);
    return built.map((b) => b.envelope);
  }

  private check(manager: EntityManager, event: EventDefinition, method: string): QueryRunner {
    const queryRunner = manager.queryRunner;
    if (!queryRunner?.isTransactionActive) {
      throw new Error(`EventPublisher.${method}(${event.subject}) must run inside a transaction`);
    }
    checkEventOwner(this.options.service, event);
    return queryRunner;
  }
}
