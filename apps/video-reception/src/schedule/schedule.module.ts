import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { AddScheduleExceptionUseCase } from './add-schedule-exception.use-case.js';
import { GetScheduleUseCase } from './get-schedule.use-case.js';
import { ListPublicReceptionDaysUseCase } from './list-public-reception-days.use-case.js';
import { PublicReceptionDayHttpController } from './public-reception-day.http.controller.js';
import { PublishScheduleUseCase } from './publish-schedule.use-case.js';
import { ScheduleHttpController } from './schedule.http.controller.js';

/** Reception schedules (接访日): publishing, recurrence, exceptions, and the public listing. */
@Module({
  imports: [BookingModule],
  controllers: [ScheduleHttpController, PublicReceptionDayHttpController],
  providers: [
    PublishScheduleUseCase,
    GetScheduleUseCase,
    AddScheduleExceptionUseCase,
    ListPublicReceptionDaysUseCase,
  ],
})
export class ScheduleModule {}
