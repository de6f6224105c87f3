import type { WebhookDelivery, WebhookSubscription } from '@minsheng/contracts';
import type { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import type { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

export function toSubscription(s: WebhookSubscriptionEntity): WebhookSubscription {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
  };
}

export function toDelivery(
  d: WebhookDeliveryEntity,
  attempts: WebhookAttemptEntity[],
): WebhookDelivery {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    clientId: d.clientId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    history: attempts
      .filter((a) => a.deliveryId === d.id)
      .sort((a, b) => a.attempt - b.attempt)
      .map((a) => ({
        attempt: a.attempt,
        at: a.at.toISOString(),
        succeeded: a.succeeded,
        statusCode: a.statusCode,
        error: a.error,
        durationMs: a.durationMs,
      })),
  };
}
