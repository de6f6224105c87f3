import { z } from 'zod';

/**
 * What travels on JetStream for every event. `data` is checked against the event's own schema by
 * the consumer; the envelope fields are what every message must carry (DESIGN.md §3).
 */
export const eventEnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1).max(200),
  occurredAt: z.iso.datetime({ offset: true }),
  divisionCode: z.string().regex(/^\d{6}$/),
  correlationId: z.string().min(1).max(200),
  data: z.unknown(),
});

export type EventEnvelope<T = unknown> = Omit<z.output<typeof eventEnvelopeSchema>, 'data'> & {
  data: T;
};

/** NATS header names used across services. */
export const MessageHeaders = {
  requestId: 'x-request-id',
  correlationId: 'x-correlation-id',
  traceparent: 'traceparent',
  authorization: 'authorization',
  deadLetterReason: 'x-dead-letter-reason',
  deadLetterConsumer: 'x-dead-letter-consumer',
  deliveryCount: 'x-delivery-count',
} as const;
