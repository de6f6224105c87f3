import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { isMainlandMobileNumber, maskPhoneNumber } from '@minsheng/domain';
import { NotificationSender, type PetitionerNotice } from './notification-sender.js';

export interface SimulatedSms {
  messageId: string;
  phone: string;
  kind: PetitionerNotice['kind'];
  bookingCode: string;
  content: string;
  segments: number;
  at: Date;
}

export class SmsGatewayError extends Error {
  constructor(
    readonly code: 'MOBILE_NUMBER_ILLEGAL' | 'SIGN_NAME_ILLEGAL' | 'CONTENT_TOO_LONG',
    message: string,
  ) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

const SIGNATURE = /^【([^】]{2,12})】/;
const MAX_CHARACTERS = 500;

/**
 * Behaves like a domestic SMS gateway without sending anything: mainland mobiles only, a
 * registered signature (【民声】) first, at most 500 characters, billed in 67-character segments.
 * What it would have sent is kept in `sent`, for tests and demonstrations; its log masks the number.
 */
export class SmsGatewaySimulator extends NotificationSender {
  private readonly logger = new Logger('SmsGatewaySimulator');
  readonly sent: SimulatedSms[] = [];

  constructor(private readonly registeredSignNames: readonly string[] = ['民声']) {
    super();
  }

  async send(notice: PetitionerNotice): Promise<void> {
    if (!isMainlandMobileNumber(notice.phone)) {
      throw new SmsGatewayError('MOBILE_NUMBER_ILLEGAL', 'not a mainland mobile number');
    }
    const sign = SIGNATURE.exec(notice.text)?.[1];
    if (!sign || !this.registeredSignNames.includes(sign)) {
      throw new SmsGatewayError('SIGN_NAME_ILLEGAL', 'missing or unregistered signature');
    }
    const length = [...notice.text].length;
    if (length > MAX_CHARACTERS)
      throw new SmsGatewayError('CONTENT_TOO_LONG', `${length} characters`);
    const message: SimulatedSms = {
      messageId: randomUUID(),
      phone: notice.phone,
      kind: notice.kind,
      bookingCode: notice.bookingCode,
      content: notice.text,
      segments: length <= 70 ? 1 : Math.ceil(length / 67),
      at: new Date(),
    };
    this.sent.push(message);
    this.logger.log(
      { messageId: message.messageId, to: maskPhoneNumber(notice.phone), kind: notice.kind },
      'SMS accepted (simulated)',
    );
  }

  /** What was sent to one number, oldest first. */
  sentTo(phone: string): SimulatedSms[] {
    return this.sent.filter((m) => m.phone === phone);
  }
}
