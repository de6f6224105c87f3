import type { TimelineStep } from '@minsheng/contracts';

/** One notice to one petitioner. `phone` is plain only here, decrypted for the gateway. */
export interface PetitionerNotice {
  complaintId: string;
  trackingCode: string;
  step: TimelineStep;
  phone: string;
  /** The whole text as sent, with the signature. Carries no personal data. */
  text: string;
}

/**
 * How notices reach petitioners (SMS, e-mail …). Abstract class so it doubles as the injection
 * token. Throwing means "not sent": the dispatcher tries again later.
 */
export abstract class NotificationSender {
  abstract send(notice: PetitionerNotice): Promise<void>;
}
