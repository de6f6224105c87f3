import { ConflictException } from '@nestjs/common';
import { IntakeErrorCodes, type ComplaintStatus } from '@minsheng/contracts';
import type { ComplaintEntity } from '../complaint/complaint.entity.js';

const DAY_MS = 86_400_000;
const AFTER_REPLY: readonly ComplaintStatus[] = ['replied', 'concluded'];

/**
 * The reply the petitioner acts on, provided it exists and `days` have not passed since it.
 * Days are calendar days counted from the reply (自收到书面答复之日起).
 */
export function requireOpenReplyWindow(
  complaint: ComplaintEntity,
  days: number,
  now: Date,
  what: string,
): Date {
  if (!AFTER_REPLY.includes(complaint.status) || !complaint.repliedAt) {
    throw new ConflictException({
      code: IntakeErrorCodes.notReplied,
      message: `该投诉尚未答复，答复后方可${what}`,
    });
  }
  if (now.getTime() > complaint.repliedAt.getTime() + days * DAY_MS) {
    throw new ConflictException({
      code: IntakeErrorCodes.windowClosed,
      message: `已超过答复后 ${days} 日的${what}期限`,
    });
  }
  return complaint.repliedAt;
}
