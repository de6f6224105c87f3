import type { BookingNoticeKind } from './booking-notice.entity.js';

/** One text to one petitioner. `phone` is plain only here, decrypted for the gateway. */
export interface PetitionerNotice {
  bookingCode: string;
  kind: BookingNoticeKind;
  phone: string;
  /** The whole text as sent, with the signature. Carries no personal data. */
  text: string;
}

/**
 * How notices reach petitioners (SMS …): the seam for a real gateway. Abstract class so it
 * doubles as the injection token. Throwing means "not sent": the dispatcher tries again later.
 */
export abstract class NotificationSender {
  abstract send(notice: PetitionerNotice): Promise<void>;
}
