import { Injectable, Logger } from '@nestjs/common';
import { maskPhoneNumber } from '@minsheng/domain';
import { NotificationSender, type PetitionerNotice } from './notification-sender.js';

/** The default: a log line per notice, with the number masked (`138****8000`). */
@Injectable()
export class LoggingNotificationSender extends NotificationSender {
  private readonly logger = new Logger('Notification');

  async send(notice: PetitionerNotice): Promise<void> {
    this.logger.log(
      {
        to: maskPhoneNumber(notice.phone),
        trackingCode: notice.trackingCode,
        step: notice.step,
        text: notice.text,
      },
      'notice to petitioner',
    );
  }
}
