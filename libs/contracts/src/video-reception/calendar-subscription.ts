import { z } from 'zod';

export const CALENDAR_FEEDS = ['leader', 'hall'] as const;

/**
 * Body of `POST /api/v1/calendar-subscriptions`: a secret URL a calendar client can subscribe to
 * without a bearer token, standing for the caller's view of one feed.
 */
export const createCalendarSubscriptionRequestSchema = z.strictObject({
  feed: z.enum(CALENDAR_FEEDS),
  /** The leader's id, or the hall's id. */
  targetId: z.string().trim().min(1).max(100),
  /** How long the URL works; a lost phone's calendar stops receiving when it runs out. */
  validDays: z.number().int().min(1).max(365).default(90),
});
export type CreateCalendarSubscriptionRequest = z.output<
  typeof createCalendarSubscriptionRequestSchema
>;

export const calendarSubscriptionResponseSchema = z.object({
  id: z.uuid(),
  feed: z.enum(CALENDAR_FEEDS),
  targetId: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastReadAt: z.string().nullable(),
});
export type CalendarSubscriptionResponse = z.output<typeof calendarSubscriptionResponseSchema>;

/** The answer to creating one: the only time the URL (its secret) is shown. */
export const createdCalendarSubscriptionResponseSchema = calendarSubscriptionResponseSchema.extend({
  /** Path on this service, `/api/v1/public/calendar-subscriptions/<secret>/calendar.ics`. */
  path: z.string(),
});
export type CreatedCalendarSubscriptionResponse = z.output<
  typeof createdCalendarSubscriptionResponseSchema
>;

export const calendarSubscriptionListResponseSchema = z.object({
  items: z.array(calendarSubscriptionResponseSchema),
});
export type CalendarSubscriptionListResponse = z.output<
  typeof calendarSubscriptionListResponseSchema
>;
