import { z } from 'zod';
import { CHANGE_TYPES } from './change-feed.js';

/** Body of `POST /exchange/v1/webhooks` (scope `webhooks:manage`). */
export const createWebhookRequestSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2_000),
  /** Change types to deliver; `*` for all the client may see. */
  eventTypes: z
    .array(z.enum([...CHANGE_TYPES, '*']))
    .min(1)
    .max(CHANGE_TYPES.length + 1),
});
export type CreateWebhookRequest = z.output<typeof createWebhookRequestSchema>;

export const webhookSubscriptionSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type WebhookSubscription = z.output<typeof webhookSubscriptionSchema>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;

export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  subscriptionId: z.uuid(),
  clientId: z.string(),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(
    z.object({
      attempt: z.number().int(),
      at: z.string(),
      succeeded: z.boolean(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

export const webhookDeliveryListSchema = z.object({ items: z.array(webhookDeliverySchema) });
export type WebhookDeliveryList = z.output<typeof webhookDeliveryListSchema>;
