import { Module } from '@nestjs/common';
import { BookingModule } from '../booking/booking.module.js';
import { NotificationModule } from '../notification/notification.module.js';
import { ConfirmRecordUseCase } from './confirm-record.use-case.js';
import { GetRecordUseCase } from './get-record.use-case.js';
import { LinkRecordToCaseHandler } from './link-record-to-case.handler.js';
import { RecordHttpController } from './record.http.controller.js';
import { WriteRecordUseCase } from './write-record.use-case.js';

@Module({
  imports: [BookingModule, NotificationModule],
  controllers: [RecordHttpController],
  providers: [WriteRecordUseCase, ConfirmRecordUseCase, GetRecordUseCase, LinkRecordToCaseHandler],
})
export class RecordModule {}
