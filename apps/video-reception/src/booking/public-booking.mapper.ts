import type { PublicBookingResponse } from '@minsheng/contracts';
import type { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import type { ReceptionScheduleEntity } from '../schedule/reception-schedule.entity.js';
import type { BookingEntity } from './booking.entity.js';
import { maskName } from './booking-views.js';

export function toPublicBookingResponse(
  booking: BookingEntity,
  schedule: ReceptionScheduleEntity,
  hall: ReceptionHallEntity,
  waitlistPosition: number | null,
): PublicBookingResponse {
  return {
    bookingCode: booking.bookingCode,
    status: booking.status,
    waitlistPosition,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    leader: { name: schedule.leaderName, title: schedule.leaderTitle },
    hall: { name: hall.name, address: hall.address },
    petitionerNameMasked: maskName(booking.petitionerName),
    redirectTo: booking.redirectTo,
    reviewNote: booking.reviewNote,
    cancelReason: booking.cancelReason,
  };
}
