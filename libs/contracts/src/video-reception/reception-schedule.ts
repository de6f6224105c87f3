import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { divisionCodeSchema, text } from '../common/field-schemas.js';

/** `HH:MM`, China Standard Time (Asia/Shanghai). */
export const wallTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间应为 HH:MM（北京时间）' });

/** `YYYY-MM-DD`, a China calendar day. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期应为 YYYY-MM-DD' })
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
      new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: '不是有效的日期',
    },
  );

export const receptionWindowSchema = z.strictObject({
  startTime: wallTimeSchema,
  endTime: wallTimeSchema,
});
export type ReceptionWindow = z.output<typeof receptionWindowSchema>;

/**
 * An exception to the recurrence: `skip` drops a date, `add` holds an extra reception day (on a
 * holiday too: it is deliberate), `change` moves one date's time window.
 */
export const scheduleExceptionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('skip'),
    date: calendarDateSchema,
    reason: text(200).optional(),
  }),
  z.strictObject({
    action: z.literal('add'),
    date: calendarDateSchema,
    window: receptionWindowSchema.optional(),
    reason: text(200).optional(),
  }),
  z.strictObject({
    action: z.literal('change'),
    date: calendarDateSchema,
    window: receptionWindowSchema,
    reason: text(200).optional(),
  }),
]);
export type ScheduleException = z.output<typeof scheduleExceptionSchema>;

/**
 * When reception days fall: one date (`startDate` alone), or an RFC 5545 RRULE without DTSTART
 * or time parts (e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`, every second Tuesday) from `startDate`,
 * bounded by `untilDate` or `count`.
 */
export const recurrenceSchema = z.strictObject({
  startDate: calendarDateSchema,
  rule: z.string().max(200).optional(),
  untilDate: calendarDateSchema.optional(),
  count: z.number().int().min(1).max(366).optional(),
  /** Leave out days that are not working days by the deadline calendar (public holidays). */
  skipPublicHolidays: z.boolean().default(true),
});
export type Recurrence = z.output<typeof recurrenceSchema>;

/** Body of `POST /api/v1/reception-schedules`: a leader's reception days (接访日). */
export const publishScheduleRequestSchema = z.strictObject({
  /** The leader or official who receives; a caller who is only a leader publishes for themself. */
  leader: z.strictObject({
    id: z.string().min(1).max(100),
    name: text(50),
    title: text(100),
  }),
  /** The leader's office; every hall must lie inside it. */
  divisionCode: divisionCodeSchema,
  title: text(100).optional(),
  window: receptionWindowSchema,
  slotMinutes: z.number().int().min(5).max(240),
  /** Receptions per day; all slots when left out. */
  capacity: z.number().int().min(1).max(200).optional(),
  /** Halls where petitioners may sit. */
  hallIds: z.array(z.uuid()).min(1).max(200),
  /** The hall the leader sits in, occupied by every session too (optional). */
  officialHallId: z.uuid().optional(),
  /** Kinds of matter accepted. */
  kinds: z
    .array(z.enum(COMPLAINT_KINDS))
    .min(1)
    .default([...COMPLAINT_KINDS]),
  /** Topics the leader takes (征地拆迁, 劳动保障 …), shown to petitioners. */
  topics: z.array(text(50)).max(20).default([]),
  recurrence: recurrenceSchema,
  exceptions: z.array(scheduleExceptionSchema).max(100).default([]),
});
export type PublishScheduleRequest = z.output<typeof publishScheduleRequestSchema>;

/** Body of `POST /api/v1/reception-schedules/:id/exceptions` (after publication: skip or add). */
export const addScheduleExceptionRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('skip'), date: calendarDateSchema, reason: text(200) }),
  z.strictObject({
    action: z.literal('add'),
    date: calendarDateSchema,
    window: receptionWindowSchema.optional(),
    reason: text(200).optional(),
  }),
]);
export type AddScheduleExceptionRequest = z.output<typeof addScheduleExceptionRequestSchema>;

export const slotResponseSchema = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  /** No reception holds it and the day has room. */
  available: z.boolean(),
  waitlisted: z.number().int(),
});

export const receptionDayResponseSchema = z.object({
  id: z.uuid(),
  scheduleId: z.uuid(),
  date: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['open', 'cancelled']),
  cancelReason: z.string().nullable(),
  leader: z.object({ id: z.string(), name: z.string(), title: z.string() }),
  divisionCode: z.string(),
  title: z.string(),
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  booked: z.number().int(),
  kinds: z.array(z.enum(COMPLAINT_KINDS)),
  topics: z.array(z.string()),
  halls: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      divisionCode: z.string(),
      address: z.string().nullable(),
    }),
  ),
  slots: z.array(slotResponseSchema).optional(),
});
export type ReceptionDayResponse = z.output<typeof receptionDayResponseSchema>;

export const skippedDateSchema = z.object({
  date: z.string(),
  reason: z.enum(['public-holiday', 'exception', 'past']),
});

export const scheduleResponseSchema = z.object({
  id: z.uuid(),
  leader: z.object({ id: z.string(), name: z.string(), title: z.string() }),
  divisionCode: z.string(),
  title: z.string(),
  window: receptionWindowSchema,
  slotMinutes: z.number().int(),
  capacity: z.number().int(),
  hallIds: z.array(z.uuid()),
  officialHallId: z.uuid().nullable(),
  kinds: z.array(z.enum(COMPLAINT_KINDS)),
  topics: z.array(z.string()),
  recurrence: z.object({
    startDate: z.string(),
    rule: z.string().nullable(),
    untilDate: z.string().nullable(),
    count: z.number().int().nullable(),
    skipPublicHolidays: z.boolean(),
  }),
  exceptions: z.array(scheduleExceptionSchema),
  receptionDays: z.array(receptionDayResponseSchema),
  skipped: z.array(skippedDateSchema),
});
export type ScheduleResponse = z.output<typeof scheduleResponseSchema>;

/** Query of `GET /api/v1/public/reception-days`. */
export const listReceptionDaysQuerySchema = z.strictObject({
  /** The petitioner's division: days that can connect a hall inside it. */
  divisionCode: divisionCodeSchema,
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
});
export type ListReceptionDaysQuery = z.output<typeof listReceptionDaysQuerySchema>;

export const receptionDayListResponseSchema = z.object({
  items: z.array(receptionDayResponseSchema),
});
export type ReceptionDayListResponse = z.output<typeof receptionDayListResponseSchema>;
