import { Module } from '@nestjs/common';
import { NotificationModule } from '../notification/notification.module.js';
import { ScheduleAccess } from '../schedule/schedule-access.js';
import { VideoModule } from '../video/video.module.js';
import { BookSlotUseCase } from './book-slot.use-case.js';
import { BookingAccess } from './booking-access.js';
import { BookingLifecycle } from './booking-lifecycle.js';
import { BookingViews } from './booking-views.js';
import { BookingHttpController } from './booking.http.controller.js';
import { CancelBookingUseCase } from './cancel-booking.use-case.js';
import { GetBookingUseCase } from './get-booking.use-case.js';
import { ListDayBookingsUseCase } from './list-day-bookings.use-case.js';
import { PublicBookingLookup } from './public-booking-lookup.js';
import { PublicBookingHttpController } from './public-booking.http.controller.js';
import { PublicBookingUseCase } from './public-booking.use-case.js';
import { PublicRateLimiter } from './public-rate-limiter.js';
import { ReceptionDayQueue } from './reception-day-queue.js';
import { ReceptionDayHttpController } from './reception-day.http.controller.js';
import { RescheduleBookingUseCase } from './reschedule-booking.use-case.js';
import { RescheduleBooking } from './reschedule-booking.js';
import { ReviewBookingUseCase } from './review-booking.use-case.js';
import { SlotChoice } from './slot-choice.js';
import { WaitingList } from './waiting-list.js';
import { WalkInBookingUseCase } from './walk-in-booking.use-case.js';

/** Booking, the waiting list, review (审查分流), cancellation and rescheduling. */
@Module({
  imports: [NotificationModule, VideoModule],
  controllers: [PublicBookingHttpController, BookingHttpController, ReceptionDayHttpController],
  providers: [
    BookSlotUseCase,
    WalkInBookingUseCase,
    GetBookingUseCase,
    ReviewBookingUseCase,
    CancelBookingUseCase,
    RescheduleBookingUseCase,
    ListDayBookingsUseCase,
    PublicBookingUseCase,
    PublicBookingLookup,
    PublicRateLimiter,
    BookingAccess,
    BookingViews,
    BookingLifecycle,
    RescheduleBooking,
    ReceptionDayQueue,
    SlotChoice,
    WaitingList,
    ScheduleAccess,
  ],
  exports: [BookingAccess, BookingViews, BookingLifecycle, ScheduleAccess, PublicRateLimiter],
})
export class BookingModule {}
