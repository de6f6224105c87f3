import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { isMainlandMobileNumber, maskPhoneNumber } from '@minsheng/domain';
import { NotificationSender, type PetitionerNotice } from './notification-sender.js';

export interface SimulatedSms {
  messageId: string;
  phone: string;
  signName: string;
  content: string;
  /** Billing segments: 70 characters fit one message, 67 per part once split. */
  segments: number;
  at: Date;
}

export class SmsGatewayError extends Error {
  constructor(
    readonly code:
      'MOBILE_NUMBER_ILLEGAL' | 'SIGN_NAME_ILLEGAL' | 'CONTENT_TOO_LONG' | 'BUSINESS_LIMIT_CONTROL',
    message: string,
  ) {
    super(message);
    this.name = 'SmsGatewayError';
  }
}

const SIGNATURE = /^【([^】]{2,12})】/;
const MAX_CHARACTERS = 500;

/**
 * Behaves like a domestic SMS gateway without sending anything: the text must start with a
 * registered signature (【民声】), numbers must be mainland mobiles, texts over 500 characters are
 * refused, long texts are billed in 67-character segments, and a number gets at most
 * `perNumberPerHour` messages an hour (flow control) — then it answers BUSINESS_LIMIT_CONTROL.
 * What it would have sent is kept in `sent`, for tests and demonstrations.
 */
export class SmsGatewaySimulator extends NotificationSender {
  private readonly logger = new Logger('SmsGatewaySimulator');
  readonly sent: SimulatedSms[] = [];

  constructor(
    private readonly registeredSignNames: readonly string[] = ['民声'],
    private readonly perNumberPerHour = 20,
  ) {
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
    if (length > MAX_CHARACTERS) {
      throw new SmsGatewayError('CONTENT_TOO_LONG', `${length} characters`);
    }
    const hourAgo = Date.now() - 3_600_000;
    const recent = this.sent.filter((m) => m.phone === notice.phone && m.at.getTime() > hourAgo);
    if (recent.length >= this.perNumberPerHour) {
      throw new SmsGatewayError('BUSINESS_LIMIT_CONTROL', 'hourly limit for this number');
    }
    const message: SimulatedSms = {
      messageId: randomUUID(),
      phone: notice.phone,
      signName: sign,
      content: notice.text,
      segments: length <= 70 ? 1 : Math.ceil(length / 67),
      at: new Date(),
    };
    this.sent.push(message);
    this.logger.log(
      {
        messageId: message.messageId,
        to: maskPhoneNumber(notice.phone),
        segments: message.segments,
      },
      'SMS accepted (simulated)',
    );
  }

  /** What was sent to one number, oldest first. */
  sentTo(phone: string): SimulatedSms[] {
    return this.sent.filter((m) => m.phone === phone);
  }
}
