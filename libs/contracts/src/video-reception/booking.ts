import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { mobileNumberSchema, residentIdNumberSchema, text } from '../common/field-schemas.js';

/** A petition number as the petition service gives it: `510104-2026-000042`. */
export const petitionNumberSchema = z
  .string()
  .regex(/^\d{6}-\d{4}-\d{6}$/, { message: '信访事项编号格式应为 510104-2026-000042' });

export const BOOKING_STATUSES = [
  'booked', // holds the slot; the leader's office has not reviewed it yet (审查分流)
  'confirmed', // approved; reminders go out, the session is provisioned
  'waitlisted', // waits for the slot; promoted automatically on a cancellation
  'checked-in', // the petitioner is at the hall
  'completed', // the reception was held and recorded
  'cancelled',
  'redirected', // the office sent the matter to the organ or leader whose remit it is
  'declined',
] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_CHANNELS = ['online', 'walk-in'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

const matterSchema = z.strictObject({
  kind: z.enum(COMPLAINT_KINDS),
  title: text(100),
  content: text(2000),
});

/**
 * Body of `POST /api/v1/public/bookings` (a petitioner, no account) and of `POST /api/v1/bookings`
 * (a clerk books for a walk-in). Link an existing case by its petition number, describe the
 * matter, or both.
 */
export const bookSlotRequestSchema = z
  .strictObject({
    receptionDayId: z.uuid(),
    slotStartsAt: z.iso.datetime({ offset: true }),
    hallId: z.uuid(),
    petitioner: z.strictObject({
      name: text(50),
      idNumber: residentIdNumberSchema,
      phone: mobileNumberSchema,
    }),
    petitionNumber: petitionNumberSchema.optional(),
    matter: matterSchema.optional(),
    /** People attending; a group sends at most five representatives. */
    attendees: z.number().int().min(1).max(5).default(1),
    /** Wait for the slot when it is taken (promoted on a cancellation) instead of a 409. */
    waitlist: z.boolean().default(true),
  })
  .refine((b) => b.petitionNumber !== undefined || b.matter !== undefined, {
    message: '请关联信访事项编号或说明反映的问题',
    path: ['matter'],
  });
export type BookSlotRequest = z.output<typeof bookSlotRequestSchema>;

export const bookSlotResponseSchema = z.object({
  bookingId: z.uuid(),
  bookingCode: z.string(),
  /** Shown once: only its hash is stored. */
  queryCode: z.string(),
  status: z.enum(['booked', 'waitlisted']),
  /** 1 = next in line; null when the slot is held. */
  waitlistPosition: z.number().int().nullable(),
  receptionDayId: z.uuid(),
  startsAt: z.string(),
  endsAt: z.string(),
});
export type BookSlotResponse = z.output<typeof bookSlotResponseSchema>;

/** Query of `GET /api/v1/public/bookings/:bookingCode`. */
export const publicBookingQuerySchema = z.strictObject({ queryCode: z.string().min(1).max(16) });

/** What a petitioner sees with the booking code and query code. Nothing personal beyond a masked name. */
export const publicBookingResponseSchema = z.object({
  bookingCode: z.string(),
  status: z.enum(BOOKING_STATUSES),
  waitlistPosition: z.number().int().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  leader: z.object({ name: z.string(), title: z.string() }),
  hall: z.object({ name: z.string(), address: z.string().nullable() }),
  petitionerNameMasked: z.string(),
  redirectTo: z.string().nullable(),
  reviewNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
});
export type PublicBookingResponse = z.output<typeof publicBookingResponseSchema>;

/** Body of `POST /api/v1/public/bookings/:bookingCode/cancel`. */
export const publicCancelBookingRequestSchema = z.strictObject({
  queryCode: z.string().min(1).max(16),
  reason: text(200),
});
export type PublicCancelBookingRequest = z.output<typeof publicCancelBookingRequestSchema>;

/** Body of `POST /api/v1/public/bookings/:bookingCode/reschedule`. */
export const publicRescheduleBookingRequestSchema = z.strictObject({
  queryCode: z.string().min(1).max(16),
  receptionDayId: z.uuid(),
  slotStartsAt: z.iso.datetime({ offset: true }),
  hallId: z.uuid().optional(),
  reason: text(200),
});
export type PublicRescheduleBookingRequest = z.output<typeof publicRescheduleBookingRequestSchema>;

/** Body of `POST /api/v1/bookings/:id/cancel`. */
export const cancelBookingRequestSchema = z.strictObject({ reason: text(200) });
export type CancelBookingRequest = z.output<typeof cancelBookingRequestSchema>;

/** Body of `POST /api/v1/bookings/:id/reschedule`: another slot (of any reception day), with the reason. */
export const rescheduleBookingRequestSchema = z.strictObject({
  receptionDayId: z.uuid(),
  slotStartsAt: z.iso.datetime({ offset: true }),
  hallId: z.uuid().optional(),
  reason: text(200),
});
export type RescheduleBookingRequest = z.output<typeof rescheduleBookingRequestSchema>;

/**
 * Body of `POST /api/v1/bookings/:id/review` — 审查分流: the leader's office checks the matter is
 * within the leader's remit. `approve` may bring further halls in (多级联合接访); `redirect` names
 * where the matter belongs.
 */
export const reviewBookingRequestSchema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('approve'),
    note: text(500).optional(),
    joiningHallIds: z.array(z.uuid()).max(10).default([]),
  }),
  z.strictObject({
    decision: z.literal('redirect'),
    redirectTo: text(200),
    note: text(500).optional(),
  }),
  z.strictObject({ decision: z.literal('decline'), note: text(500) }),
]);
export type ReviewBookingRequest = z.output<typeof reviewBookingRequestSchema>;

const hallRef = z.object({
  id: z.uuid(),
  name: z.string(),
  divisionCode: z.string(),
  role: z.enum(['petitioner', 'official', 'joining']),
});

/** A booking as staff see it; personal data masked. */
export const bookingResponseSchema = z.object({
  id: z.uuid(),
  bookingCode: z.string(),
  status: z.enum(BOOKING_STATUSES),
  channel: z.enum(BOOKING_CHANNELS),
  receptionDayId: z.uuid(),
  scheduleId: z.uuid(),
  leader: z.object({ id: z.string(), name: z.string(), title: z.string() }),
  divisionCode: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  waitlistPosition: z.number().int().nullable(),
  halls: z.array(hallRef),
  petitioner: z.object({ name: z.string(), idNumberMasked: z.string(), phoneMasked: z.string() }),
  attendees: z.number().int(),
  petitionNumber: z.string().nullable(),
  matter: z
    .object({ kind: z.enum(COMPLAINT_KINDS), title: z.string(), content: z.string() })
    .nullable(),
  review: z
    .object({
      decision: z.enum(['approve', 'redirect', 'decline']),
      note: z.string().nullable(),
      redirectTo: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
  cancellation: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type BookingResponse = z.output<typeof bookingResponseSchema>;

export const bookingListResponseSchema = z.object({ items: z.array(bookingResponseSchema) });
export type BookingListResponse = z.output<typeof bookingListResponseSchema>;
