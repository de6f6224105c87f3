import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';

const divisionCode = z.string().regex(/^\d{6}$/);
const instant = z.iso.datetime({ offset: true });

/** What every `leader-message.message.*` event carries, for the statistics service. */
const messageRef = z.object({
  messageId: z.uuid(),
  boardId: z.uuid(),
  externalId: z.string(),
  leaderId: z.string(),
  divisionCode,
  type: z.string(),
  domain: z.string(),
  claimDeadline: instant,
  replyDeadline: instant,
  leadOrganId: z.string().nullable(),
});

/** A message appeared on a leader's board and was pulled in (once per message). */
export const leaderMessageReceivedEvent = defineEvent(
  'leader-message.message.received',
  messageRef.extend({ postedAt: instant, receivedAt: instant }),
);

/** 认领. `onTime`: before the claim deadline. */
export const leaderMessageClaimedEvent = defineEvent(
  'leader-message.message.claimed',
  messageRef.extend({ claimedAt: instant, onTime: z.boolean(), urgent: z.boolean() }),
);

/** 交办: to a lead organ (主办) and co-organs (协办). */
export const leaderMessageAssignedEvent = defineEvent(
  'leader-message.message.assigned',
  messageRef.extend({ coOrganIds: z.array(z.string()), assignedAt: instant }),
);

/** 退回重办: the leader's office sent the organ's draft back. */
export const leaderMessageReplyReturnedEvent = defineEvent(
  'leader-message.message.reply-returned',
  messageRef.extend({ returnedAt: instant, returnCount: z.number().int() }),
);

/** The reply was approved and published on the board. `onTime`: before the reply deadline. */
export const leaderMessageRepliedEvent = defineEvent(
  'leader-message.message.replied',
  messageRef.extend({ publishedAt: instant, onTime: z.boolean() }),
);

/** The citizen's stars (1–5) for attitude and speed, read back from the board. */
export const leaderMessageRatedEvent = defineEvent(
  'leader-message.message.rated',
  messageRef.extend({
    attitude: z.number().int().min(1).max(5),
    speed: z.number().int().min(1).max(5),
    ratedAt: instant,
  }),
);

/** 申请延期: the lead organ asked for more days; the leader's office decides. */
export const leaderMessageExtensionRequestedEvent = defineEvent(
  'leader-message.message.extension-requested',
  messageRef.extend({ days: z.number().int(), reason: z.string(), requestedAt: instant }),
);

/** The reply deadline moved after the leader's office approved an extension. */
export const leaderMessageExtendedEvent = defineEvent(
  'leader-message.message.extended',
  messageRef.extend({ days: z.number().int(), reason: z.string(), extendedAt: instant }),
);

/** 预警 / 超期: once per message and deadline. */
export const leaderMessageDeadlineApproachingEvent = defineEvent(
  'leader-message.message.deadline-approaching',
  messageRef.extend({
    deadlineKind: z.enum(['claim', 'reply']),
    dueAt: instant,
    detectedAt: instant,
  }),
);
export const leaderMessageOverdueEvent = defineEvent(
  'leader-message.message.overdue',
  messageRef.extend({
    deadlineKind: z.enum(['claim', 'reply']),
    dueAt: instant,
    detectedAt: instant,
  }),
);

/**
 * The message became a petition case (转为信访事项): what petition needs to register it. The
 * citizen's contact travels only as field ciphertext, and only when the board gave one.
 */
export const leaderMessageConvertedToCaseEvent = defineEvent(
  'leader-message.message.converted-to-case',
  z.object({
    messageId: z.uuid(),
    boardId: z.uuid(),
    externalId: z.string(),
    leaderId: z.string(),
    divisionCode,
    title: z.string(),
    content: z.string(),
    type: z.string(),
    domain: z.string(),
    postedAt: instant,
    authorName: z.string(),
    contactPhoneEncrypted: z.string().nullable(),
    convertedAt: instant,
    convertedBy: z.string(),
  }),
);

/** A leader's team looked at the board's new messages (定期浏览). */
export const leaderBoardBrowsedEvent = defineEvent(
  'leader-message.board.browsed',
  z.object({
    boardId: z.uuid(),
    leaderId: z.string(),
    divisionCode,
    userId: z.string(),
    browsedAt: instant,
    unclaimed: z.number().int(),
  }),
);
