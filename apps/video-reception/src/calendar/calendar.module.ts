import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import {
  CalendarSubscriptionHttpController,
  PublicCalendarSubscriptionHttpController,
} from './calendar-subscription.http.controller.js';
import { CalendarSubscriptionsUseCase } from './calendar-subscriptions.use-case.js';
import { CalendarFeedsUseCase } from './calendar-feeds.use-case.js';
import { CalendarHttpController } from './calendar.http.controller.js';

@Module({
  imports: [BookingModule],
  controllers: [
    CalendarHttpController,
    CalendarSubscriptionHttpController,
    PublicCalendarSubscriptionHttpController,
  ],
  providers: [CalendarFeedsUseCase, CalendarSubscriptionsUseCase],
})
export class CalendarModule {}
