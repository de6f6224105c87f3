import { VideoReceptionErrorCodes as Codes } from '@minsheng/contracts';
import { conflict } from '../video-reception.errors.js';

/** What the database refused a booking for. */
export type BookingConflict = 'leader' | 'petitioner' | 'hall' | 'capacity' | 'already-waitlisted';

const CONSTRAINTS: Record<string, BookingConflict> = {
  booking_leader_no_overlap: 'leader',
  booking_petitioner_no_overlap: 'petitioner',
  booking_hall_no_overlap: 'hall',
  reception_day_capacity: 'capacity',
  booking_waitlist_once_idx: 'already-waitlisted',
};

/**
 * The conflict behind a driver error: an exclusion violation (SQLSTATE 23P01), the day's
 * capacity CHECK (23514) or the one-waitlist-place index (23505); undefined for anything else.
 */
export function bookingConflictOf(error: unknown): BookingConflict | undefined {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  if (!constraint || !code || !['23P01', '23514', '23505'].includes(code)) return undefined;
  return CONSTRAINTS[constraint];
}

/** The 409 a petitioner or clerk gets for a conflict, with its stable code. */
export function conflictException(kind: BookingConflict) {
  switch (kind) {
    case 'leader':
      return conflict(Codes.slotTaken, '该时段已被预约');
    case 'capacity':
      return conflict(Codes.receptionDayFull, '该接访日预约已满');
    case 'petitioner':
      return conflict(Codes.petitionerDoubleBooked, '您在该时间已有其他接访预约');
    case 'hall':
      return conflict(Codes.hallBusy, '该接访厅在该时间已有其他接访');
    case 'already-waitlisted':
      return conflict(Codes.alreadyWaitlisted, '您已在该时段的候补名单中');
  }
}
