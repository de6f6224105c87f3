import { z } from 'zod';
import { COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { defineEvent } from '../messaging/event-definition.js';
import { BOOKING_CHANNELS } from './booking.js';
import { RECEPTION_OUTCOMES } from './reception-record.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });

/**
 * A petitioner (online) or a clerk (walk-in) booked a slot of a reception day — holding it, or
 * on the waiting list. Carries no personal data.
 */
export const bookingMadeEvent = defineEvent(
  'video-reception.booking.made',
  z.object({
    bookingId: z.uuid(),
    bookingCode: z.string(),
    receptionDayId: z.uuid(),
    scheduleId: z.uuid(),
    leaderId: z.string(),
    leaderDivisionCode: divisionCode,
    hallId: z.uuid(),
    hallDivisionCode: divisionCode,
    startsAt: instant,
    endsAt: instant,
    status: z.enum(['booked', 'waitlisted']),
    channel: z.enum(BOOKING_CHANNELS),
    attendees: z.number().int(),
    petitionNumber: z.string().nullable(),
    kind: z.enum(COMPLAINT_KINDS).nullable(),
    madeAt: instant,
  }),
);

/** 审查分流: the leader's office approved, redirected or declined a booking. */
export const bookingReviewedEvent = defineEvent(
  'video-reception.booking.reviewed',
  z.object({
    bookingId: z.uuid(),
    bookingCode: z.string(),
    decision: z.enum(['approve', 'redirect', 'decline']),
    redirectTo: z.string().nullable(),
    leaderId: z.string(),
    leaderDivisionCode: divisionCode,
    reviewedAt: instant,
  }),
);

/** A waitlisted booking took a freed slot (in the transaction that freed it). */
export const bookingPromotedEvent = defineEvent(
  'video-reception.booking.promoted',
  z.object({
    bookingId: z.uuid(),
    bookingCode: z.string(),
    receptionDayId: z.uuid(),
    startsAt: instant,
    promotedAt: instant,
  }),
);

export const bookingRescheduledEvent = defineEvent(
  'video-reception.booking.rescheduled',
  z.object({
    bookingId: z.uuid(),
    bookingCode: z.string(),
    from: z.object({ receptionDayId: z.uuid(), startsAt: instant }),
    to: z.object({ receptionDayId: z.uuid(), startsAt: instant }),
    reason: z.string(),
    by: z.enum(['petitioner', 'staff']),
    rescheduledAt: instant,
  }),
);

export const bookingCancelledEvent = defineEvent(
  'video-reception.booking.cancelled',
  z.object({
    bookingId: z.uuid(),
    bookingCode: z.string(),
    reason: z.string(),
    /** `schedule`: the reception day itself was cancelled. */
    by: z.enum(['petitioner', 'staff', 'schedule']),
    cancelledAt: instant,
  }),
);

/**
 * A reception was held and its record written — for statistics: receptions held, people
 * received, outcomes (resolved on the spot …), tiers joined.
 */
export const receptionHeldEvent = defineEvent(
  'video-reception.reception.held',
  z.object({
    recordId: z.uuid(),
    bookingId: z.uuid(),
    bookingCode: z.string(),
    leaderId: z.string(),
    leaderName: z.string(),
    leaderDivisionCode: divisionCode,
    /** The petitioner's hall: the matter's locality (属地). */
    hallDivisionCode: divisionCode,
    /** Every hall in the session, and the tiers they and the leader's office belong to. */
    hallDivisionCodes: z.array(divisionCode),
    tiers: z.array(z.enum(['province', 'city', 'county'])),
    peopleReceived: z.number().int(),
    outcome: z.enum(RECEPTION_OUTCOMES),
    petitionNumber: z.string().nullable(),
    kind: z.enum(COMPLAINT_KINDS).nullable(),
    channel: z.enum(BOOKING_CHANNELS),
    startsAt: instant,
    recordedAt: instant,
  }),
);

/**
 * 包案: a leader took a petition case on at a reception. The petition service shows the leader as
 * the case's owner with the follow-up deadline.
 */
export const caseOwnershipTakenEvent = defineEvent(
  'video-reception.case-ownership.taken',
  z.object({
    caseOwnershipId: z.uuid(),
    petitionNumber: z.string(),
    leaderId: z.string(),
    leaderName: z.string(),
    leaderTitle: z.string(),
    leaderDivisionCode: divisionCode,
    bookingId: z.uuid(),
    recordId: z.uuid(),
    takenAt: instant,
    /** End of the last day (23:59:59.999 China time) by which the leader reports progress. */
    followUpDeadline: instant,
    followUpDays: z.number().int(),
    dayCountMode: z.enum(['calendar-day', 'working-day']),
  }),
);

/** The petitioner confirmed the reception record (by code or signature). */
export const recordConfirmedEvent = defineEvent(
  'video-reception.record.confirmed',
  z.object({
    recordId: z.uuid(),
    bookingId: z.uuid(),
    method: z.enum(['code', 'signature']),
    confirmedAt: instant,
  }),
);

/**
 * 转为信访事项: the matter raised at a reception became a new petition case. Petition registers
 * it (channel `video`) once per record and answers with `petition.case.registered` carrying the
 * record's id, so the record learns its petition number. Personal data travels as field
 * ciphertext; services of one instance share the keys.
 */
export const receptionCaseRequestedEvent = defineEvent(
  'video-reception.case.requested',
  z.object({
    recordId: z.uuid(),
    bookingId: z.uuid(),
    bookingCode: z.string(),
    /** The petitioner's hall: the matter's locality (属地). */
    divisionCode,
    kind: z.enum(COMPLAINT_KINDS),
    title: z.string(),
    content: z.string(),
    leaderId: z.string(),
    leaderName: z.string(),
    recordedAt: instant,
    petitioner: z.object({
      name: z.string(),
      idNumberEncrypted: z.string(),
      idNumberHash: z.string(),
      phoneEncrypted: z.string(),
      phoneHash: z.string(),
    }),
  }),
);
