import { Module } from '@nestjs/common';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { BookingNotices } from './booking-notices.js';
import { LoggingNotificationSender } from './logging-notification.sender.js';
import { NoticeDispatcher } from './notice-dispatcher.js';
import { NotificationSender } from './notification-sender.js';
import { SmsGatewaySimulator } from './sms-gateway.simulator.js';

/** Texts to petitioners: queued in the transaction of each change, sent by the dispatcher. */
@Module({
  providers: [
    BookingNotices,
    NoticeDispatcher,
    {
      provide: NotificationSender,
      inject: [VIDEO_RECEPTION_CONFIG],
      useFactory: (config: VideoReceptionConfig): NotificationSender =>
        config.NOTIFICATION_SENDER === 'sms-simulator'
          ? new SmsGatewaySimulator()
          : new LoggingNotificationSender(),
    },
  ],
  exports: [BookingNotices, NotificationSender, NoticeDispatcher],
})
export class NotificationModule {}
