import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  MessageHeaders,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { requestContext } from '@minsheng/observability';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { OutboxCommitSignal } from './outbox-commit-signal.js';

export interface PublishOptions {
  divisionCode: string;
  occurredAt?: Date;
  correlationId?: string;
}

/**
 * Records an event in the service's outbox inside the caller's transaction, so the event exists
 * exactly when the state change does. The relay publishes it to JetStream after commit.
 */
@Injectable()
export class EventPublisher {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly signal: OutboxCommitSignal,
  ) {}

  async publish<E extends EventDefinition>(
    manager: EntityManager,
    event: E,
    data: EventData<E>,
    { divisionCode, occurredAt = new Date(), correlationId }: PublishOptions,
  ): Promise<EventEnvelope<EventData<E>>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`EventPublisher.publish(${event.subject}) must run inside a transaction`);
    }
    if (event.owner !== this.options.service) {
      throw new Error(
        `${this.options.service} cannot publish ${event.subject}, owned by ${event.owner}`,
      );
    }
    const context = requestContext.current();
    const envelope: EventEnvelope<EventData<E>> = {
      eventId: randomUUID(),
      type: event.subject,
      occurredAt: occurredAt.toISOString(),
      divisionCode,
      correlationId: correlationId ?? context?.correlationId ?? randomUUID(),
      data: event.schema.parse(data) as EventData<E>,
    };
    const headers: Record<string, string> = {
      [MessageHeaders.correlationId]: envelope.correlationId,
      ...(context ? { [MessageHeaders.requestId]: context.requestId } : {}),
    };
    const schema = this.options.schema;
    await manager.query(
      `INSERT INTO "${schema}".outbox (event_id, subject, envelope, headers) VALUES ($1, $2, $3, $4)`,
      [envelope.eventId, event.subject, JSON.stringify(envelope), JSON.stringify(headers)],
    );
    this.signal.markTouched(manager.queryRunner);
    return envelope;
  }
}
