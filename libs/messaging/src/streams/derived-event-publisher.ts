import { Inject, Injectable } from '@nestjs/common';
import { parse as uuidBytes, v5 as nameBasedUuid } from 'uuid';
import { wireNames, type EventData, type EventDefinition } from '@minsheng/contracts';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options.js';
import { messagingMetrics } from '../messaging-metrics.js';
import {
  buildEventEnvelope,
  checkEventOwner,
  type PublishOptions,
} from '../outbox/event-envelope.js';
import { JetStreamPublisher } from './jetstream-publisher.js';

/**
 * Names the event ids derived from their causes; fixed, so every replica derives the same ids.
 * As bytes, and each name as UTF-8 bytes: given strings, uuid parses the namespace and encodes
 * the name through `unescape(encodeURIComponent(…))` on every call — a third of the province
 * gateway's publishing of derived events under the exchange burst (bench/README.md, exchange).
 */
const DERIVED_EVENT_NAMESPACE = uuidBytes('6f1d2c0e-7a7b-4d3e-9a55-3c2b1f0e8d47');

export interface DerivedEvent<E extends EventDefinition> {
  /** The id of the message the event follows from: the event's id is derived from it. */
  causeId: string;
  data: EventData<E>;
  options: PublishOptions;
}

/**
 * Publishes events that follow from a message still unacknowledged in a stream — straight to
 * JetStream, without an outbox row. For that case only: the message is the durable record until
 * the caller commits its effect and acknowledges it, so a crash or a rolled-back transaction in
 * between redelivers it and the same events are published again. Each event's id is derived
 * from its cause (a name-based UUID), so JetStream stores a re-publish once within its
 * de-duplication window and every consumer's inbox refuses it after that. An event published by
 * an attempt that never committed is a fact about the message all the same: the message comes
 * again until its effect commits or an operator handles its dead letter.
 *
 * Anything else — an event about a state change this service made on its own — goes through
 * {@link EventPublisher}, which makes it exist exactly when the change commits.
 */
@Injectable()
export class DerivedEventPublisher {
  constructor(
    private readonly publisher: JetStreamPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  static eventIdFor(event: EventDefinition, causeId: string): string {
    return nameBasedUuid(Buffer.from(`${event.subject}\n${causeId}`), DERIVED_EVENT_NAMESPACE);
  }

  /**
   * Publishes in the order given (one connection keeps it) and resolves once the stream has
   * stored every one; rejects with the stream's error otherwise (some may be stored: publishing
   * them again is harmless). Every item is validated before anything is published.
   */
  async publishAll<E extends EventDefinition>(
    event: E,
    items: readonly DerivedEvent<E>[],
  ): Promise<void> {
    if (items.length === 0) return;
    checkEventOwner(this.options.service, event);
    const subject = wireNames.event(this.options.namespace, event.subject);
    const built = items.map(({ causeId, data, options }) =>
      buildEventEnvelope(event, data, options, DerivedEventPublisher.eventIdFor(event, causeId)),
    );
    await Promise.all(
      built.map(({ envelope, headers }) =>
        this.publisher.publish(subject, JSON.stringify(envelope), {
          msgId: envelope.eventId,
          headers,
        }),
      ),
    );
    messagingMetrics.derivedPublished(this.options.service, items.length);
  }
}
