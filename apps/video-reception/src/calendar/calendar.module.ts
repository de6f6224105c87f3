import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { CalendarFeedsUseCase } from './calendar-feeds.use-case.js';
import { CalendarHttpController } from './calendar.http.controller.js';

@Module({
  imports: [BookingModule],
  controllers: [CalendarHttpController],
  providers: [CalendarFeedsUseCase],
})
export class CalendarModule {}
