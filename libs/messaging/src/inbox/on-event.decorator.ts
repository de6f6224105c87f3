import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@minsheng/contracts';

export const ON_EVENT = 'minsheng:on-event';

export interface OnEventOptions {
  /** Durable consumer name suffix; needed only when one service has two handlers of one event. */
  name?: string;
}

export interface OnEventMetadata {
  event: EventDefinition;
  options: OnEventOptions;
}

/**
 * Marks a provider method as the durable handler of an event. The method receives the validated
 * envelope and the EntityManager of the transaction that also records the event as processed:
 * write the effect with that manager and a redelivered event is applied once.
 *
 * @example
 * @OnEvent(complaintSubmittedEvent)
 * async register(event: EventEnvelope<EventData<typeof complaintSubmittedEvent>>, tx: EntityManager) {}
 */
export const OnEvent = (event: EventDefinition, options: OnEventOptions = {}) =>
  SetMetadata(ON_EVENT, { event, options } satisfies OnEventMetadata);
