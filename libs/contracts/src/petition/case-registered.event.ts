import { z } from 'zod';
import { CHANNELS, COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { defineEvent } from '../messaging/event-definition.js';
import { caseDeadlinesSchema, petitionStatusSchema } from './case-common.js';

/** The most keywords `petition.case.registered` carries (petition sends five). */
export const MAX_CASE_KEYWORDS = 20;

/**
 * A petition case (信访事项) was registered (登记) and given its number. The fields after
 * `registeredAt` were added later and default for events published before them.
 */
export const caseRegisteredEvent = defineEvent(
  'petition.case.registered',
  z.object({
    caseId: z.uuid(),
    petitionNumber: z.string(),
    sourceComplaintId: z.uuid().nullable(),
    kind: z.enum(COMPLAINT_KINDS),
    channel: z.enum(CHANNELS),
    divisionCode: z.string().regex(/^\d{6}$/),
    registeredAt: z.iso.datetime({ offset: true }),
    status: petitionStatusSchema.default('registered'),
    categoryCode: z.string().nullable().default(null),
    registeringOrganId: z.string().nullable().default(null),
    deadlines: caseDeadlinesSchema.nullable().default(null),
    /** The earlier case of the same petitioner and matter (重复信访), when one was found. */
    repeatOfCaseId: z.uuid().nullable().default(null),
    /** The leader's message-board post the case came from (留言转办); absent on older events. */
    sourceMessageId: z.uuid().nullable().optional(),
    /** The video reception record whose matter became the case (转为信访事项); absent on older events. */
    sourceReceptionRecordId: z.uuid().nullable().optional(),
    /** The leader's mailbox (领导信箱) a `leader-mailbox` case was addressed to; absent otherwise. */
    addresseeMailboxId: z.string().nullable().optional(),
    /**
     * The matter's top TF-IDF keywords (jieba over `${title}\n${content}`, as statistics used to
     * compute them), best first, so statistics need not load a segmenter; absent on older events.
     */
    keywords: z
      .array(z.object({ keyword: z.string().min(1), weight: z.number() }))
      .max(MAX_CASE_KEYWORDS)
      .nullable()
      .optional(),
  }),
);
