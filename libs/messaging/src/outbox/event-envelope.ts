import { randomUUID } from 'node:crypto';
import {
  MessageHeaders,
  type EventData,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { requestContext } from '@minsheng/observability';

export interface PublishOptions {
  divisionCode: string;
  occurredAt?: Date;
  correlationId?: string;
}

/** An event as it goes on the wire, with its headers; `data` is validated against the event's schema. */
export function buildEventEnvelope<E extends EventDefinition>(
  event: E,
  data: EventData<E>,
  { divisionCode, occurredAt = new Date(), correlationId }: PublishOptions,
  eventId: string = randomUUID(),
): { envelope: EventEnvelope<EventData<E>>; headers: Record<string, string> } {
  const context = requestContext.current();
  const envelope: EventEnvelope<EventData<E>> = {
    eventId,
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
  return { envelope, headers };
}

/** A service publishes only the events it owns. */
export function checkEventOwner(service: string, event: EventDefinition): void {
  if (event.owner !== service) {
    throw new Error(`${service} cannot publish ${event.subject}, owned by ${event.owner}`);
  }
}
