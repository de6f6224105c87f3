import { Module } from '@nestjs/common';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { ComplaintTimeline } from './complaint-timeline.js';
import { ForwardedStatusHandler } from './forwarded-status.handler.js';
import { LoggingNotificationSender } from './logging-notification.sender.js';
import { NotificationDispatcher } from './notification-dispatcher.js';
import { NotificationSender } from './notification-sender.js';
import { PETITION_TIMELINE } from './petition-timeline.js';
import { petitionTimelineHandler } from './petition-timeline.handler.js';
import { SmsGatewaySimulator } from './sms-gateway.simulator.js';
import { SuggestionOutcomeHandler } from './suggestion-outcome.handler.js';

/** The public timeline: petition's events become steps, and every step a notice to the petitioner. */
@Module({
  providers: [
    ComplaintTimeline,
    NotificationDispatcher,
    {
      provide: NotificationSender,
      inject: [INTAKE_CONFIG],
      useFactory: (config: IntakeConfig): NotificationSender =>
        config.NOTIFICATION_SENDER === 'sms-simulator'
          ? new SmsGatewaySimulator()
          : new LoggingNotificationSender(),
    },
    ...PETITION_TIMELINE.map(petitionTimelineHandler),
    SuggestionOutcomeHandler,
    ForwardedStatusHandler,
  ],
  exports: [ComplaintTimeline, NotificationSender],
})
export class TrackingModule {}
