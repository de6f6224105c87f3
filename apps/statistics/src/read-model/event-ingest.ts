import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { CONSUMED_EVENTS, ReadModelRouter, journalEnvelope } from './read-model-router.js';

/**
 * The durable consumers: one per consumed subject (the inbox makes each exactly-once). Each event
 * is also kept in the journal, because the owners' streams keep only 90 days and a rebuild needs
 * the whole history.
 */
@Injectable()
export class EventIngest {
  readonly router = new ReadModelRouter();

  async ingest(envelope: EventEnvelope, tx: EntityManager): Promise<void> {
    await tx.query(
      `INSERT INTO event_journal (event_id, subject, occurred_at, envelope)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [
        envelope.eventId,
        envelope.type,
        envelope.occurredAt,
        JSON.stringify(journalEnvelope(envelope)),
      ],
    );
    await this.router.apply(tx, envelope);
  }
}

// One handler method per subject, generated from the list so it cannot drift from the router.
for (const event of CONSUMED_EVENTS) {
  const name = `on:${event.subject}`;
  const method = function (this: EventIngest, envelope: EventEnvelope, tx: EntityManager) {
    return this.ingest(envelope, tx);
  };
  Object.defineProperty(EventIngest.prototype, name, {
    value: method,
    writable: true,
    configurable: true,
  });
  const descriptor = Object.getOwnPropertyDescriptor(EventIngest.prototype, name)!;
  OnEvent(event)(EventIngest.prototype, name, descriptor);
}
