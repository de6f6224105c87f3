import { z } from 'zod';
import { defineEvent } from '../messaging/event-definition.js';
import { ACCOUNTABILITY_KINDS } from './campaign.js';
import { divisionCodeShape, instantSchema } from './case-common.js';

/**
 * What every `petition.campaign.*` event carries. Nothing personal: invited participants appear
 * only by their identity account id, never by name or organisation.
 */
const campaignRef = z.object({ campaignId: z.uuid(), divisionCode: divisionCodeShape });

/** 统筹实地督查: a supervision campaign was opened over (part of) a division, until `endsOn`. */
export const campaignOpenedEvent = defineEvent(
  'petition.campaign.opened',
  campaignRef.extend({
    title: z.string(),
    openedAt: instantSchema,
    /** The planned last day (a China date, YYYY-MM-DD). */
    endsOn: z.iso.date(),
  }),
);

/**
 * 特邀监督: an identity account (role `observer`) was given read access to the campaign's cases
 * until `validUntil` at the latest (or the campaign's close, if that comes first).
 */
export const campaignParticipantInvitedEvent = defineEvent(
  'petition.campaign.participant-invited',
  campaignRef.extend({
    accountId: z.string(),
    validUntil: instantSchema,
    invitedAt: instantSchema,
  }),
);

/**
 * The campaign was closed: every participant's access ended. `observerAccountIds` lists each
 * account ever invited to it (once), whether or not its grant had already run out;
 * `observersStillInvited` those of them that, when it closed, still held a grant in another open
 * campaign — so a consumer that has not yet seen that invitation (the subjects are consumed
 * independently) does not take the close for the account's last.
 */
export const campaignClosedEvent = defineEvent(
  'petition.campaign.closed',
  campaignRef.extend({
    closedAt: instantSchema,
    observerAccountIds: z.array(z.string()),
    // Events published before this field existed carry none.
    observersStillInvited: z.array(z.string()).default([]),
  }),
);

/** 约谈 / 通报 / 倒查 / 责任追究 recorded against an organ over a campaign case (no content, no post). */
export const campaignAccountabilityRecordedEvent = defineEvent(
  'petition.campaign.accountability-recorded',
  campaignRef.extend({
    recordId: z.uuid(),
    caseId: z.uuid(),
    petitionNumber: z.string(),
    /** The case's division (the campaign's is `divisionCode`). */
    caseDivisionCode: divisionCodeShape,
    organId: z.string(),
    kind: z.enum(ACCOUNTABILITY_KINDS),
    recordedAt: instantSchema,
  }),
);
