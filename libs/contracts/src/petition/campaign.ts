import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';
import { organIdSchema } from './organ.js';

/**
 * What an invited participant (特邀监督员) may be shown of a campaign's case. The petition number
 * is always shown; ID and phone numbers never are, whatever a campaign allows; the petitioner's
 * name only masked (王**).
 */
export const CAMPAIGN_CASE_FIELDS = [
  'title',
  'content',
  'category',
  'status',
  'division',
  'registeredAt',
  'deadlines',
  'organs',
  'visits',
  'petitionerName',
  'address',
] as const;
export type CampaignCaseField = (typeof CAMPAIGN_CASE_FIELDS)[number];

/** 人大代表 / 政协委员 / 新闻记者 */
export const PARTICIPANT_AFFILIATIONS = ['deputy', 'cppcc-member', 'journalist'] as const;
export type ParticipantAffiliation = (typeof PARTICIPANT_AFFILIATIONS)[number];

/** 约谈 / 通报 / 倒查 / 责任追究 */
export const ACCOUNTABILITY_KINDS = [
  'interview',
  'circular',
  'trace-back',
  'accountability',
] as const;
export type AccountabilityKind = (typeof ACCOUNTABILITY_KINDS)[number];

/** Stable error codes of supervision campaigns, beside the shared `ErrorCodes`. */
export const CampaignErrorCodes = {
  /** The campaign is closed: nothing more can be recorded (409). */
  campaignClosed: 'CAMPAIGN_CLOSED',
  /** The participant's access has ended (campaign closed, grant expired or revoked) (403). */
  accessEnded: 'CAMPAIGN_ACCESS_ENDED',
  /** A participant may not be shown fields the campaign does not allow (400). */
  fieldsNotAllowed: 'FIELDS_NOT_ALLOWED',
  /** The case is not one of the campaign's (400). */
  caseNotInCampaign: 'CASE_NOT_IN_CAMPAIGN',
  /** A grant may not outlast the campaign's planned end (400). */
  grantTooLong: 'GRANT_TOO_LONG',
  /** The account is already a participant of the campaign (409). */
  alreadyInvited: 'ALREADY_INVITED',
} as const;

const fields = z
  .array(z.enum(CAMPAIGN_CASE_FIELDS))
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: '字段不能重复' });

/** Body of `POST /api/v1/campaigns` (统筹实地督查). */
export const createCampaignRequestSchema = z.strictObject({
  title: text(100),
  description: text(2000),
  divisionCode: divisionCodeSchema,
  /** The planned last day; participants' access ends then at the latest. */
  endsOn: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }),
  /** The most any participant may be shown. */
  participantFields: fields,
});
export type CreateCampaignRequest = z.output<typeof createCampaignRequestSchema>;

/** Body of `POST /api/v1/campaigns/:campaignId/cases/select`: cases by rule (at least one). */
export const selectCampaignCasesRequestSchema = z
  .strictObject({
    /** 积案: flagged long-pending. */
    backlog: z.boolean().optional(),
    /** Past its current statutory deadline. */
    overdue: z.boolean().optional(),
    /** 重复信访: linked to an earlier case of the same matter. */
    repeat: z.boolean().optional(),
    /** Category codes (either level): a theme's categories. */
    categoryCodes: z
      .array(z.string().regex(/^\d{2}(\d{2})?$/, { message: '类别代码格式不正确' }))
      .min(1)
      .max(50)
      .optional(),
    /** A division inside the campaign's. */
    divisionCode: divisionCodeSchema.optional(),
    /** Most cases added by this selection. */
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine(
    (rule) =>
      rule.backlog || rule.overdue || rule.repeat || rule.categoryCodes || rule.divisionCode,
    { message: '至少给出一个选取条件' },
  );
export type SelectCampaignCasesRequest = z.output<typeof selectCampaignCasesRequestSchema>;

/** Body of `POST /api/v1/campaigns/:campaignId/participants`. */
export const inviteCampaignParticipantRequestSchema = z.strictObject({
  /** The participant's identity account (role `observer`). */
  accountId: z.string().min(1).max(64),
  name: text(50),
  affiliation: z.enum(PARTICIPANT_AFFILIATIONS),
  /** 单位: e.g. 四川日报 */
  organisation: text(100),
  /** A subset of the campaign's fields; all of them when left out. */
  fields: fields.optional(),
  /** Earlier than the campaign's planned end, if wished; never later. */
  validUntil: z.iso.datetime({ offset: true }).optional(),
});
export type InviteCampaignParticipantRequest = z.output<
  typeof inviteCampaignParticipantRequestSchema
>;

/** Body of `POST /api/v1/campaigns/:campaignId/visits` (实地督查 record). */
export const recordCampaignVisitRequestSchema = z.strictObject({
  petitionNumber: z.string().min(1).max(64),
  visitedAt: z.iso.datetime({ offset: true }),
  place: text(200),
  findings: text(5000),
});
export type RecordCampaignVisitRequest = z.output<typeof recordCampaignVisitRequestSchema>;

/** Body of `POST /api/v1/campaigns/:campaignId/accountability`. */
export const recordAccountabilityRequestSchema = z.strictObject({
  petitionNumber: z.string().min(1).max(64),
  organId: organIdSchema,
  kind: z.enum(ACCOUNTABILITY_KINDS),
  /** The post held responsible (a post, not personal data), where there is one. */
  responsiblePost: text(100).optional(),
  content: text(5000),
});
export type RecordAccountabilityRequest = z.output<typeof recordAccountabilityRequestSchema>;

/** Body of `POST /api/v1/campaigns/:campaignId/close`. */
export const closeCampaignRequestSchema = z.strictObject({ summary: text(5000) });
export type CloseCampaignRequest = z.output<typeof closeCampaignRequestSchema>;

export const campaignReportSchema = z.object({
  casesCovered: z.number().int(),
  /** Replied or concluded while the campaign ran. */
  resolvedDuringCampaign: z.number().int(),
  visits: z.number().int(),
  accountabilityRecords: z.number().int(),
  findings: z.array(z.object({ petitionNumber: z.string(), findings: z.string() })),
  summary: z.string(),
});
export type CampaignReport = z.output<typeof campaignReportSchema>;

export const campaignResponseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  divisionCode: z.string(),
  status: z.enum(['open', 'closed']),
  endsOn: z.string(),
  participantFields: z.array(z.enum(CAMPAIGN_CASE_FIELDS)),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  report: campaignReportSchema.nullable(),
});
export type CampaignResponse = z.output<typeof campaignResponseSchema>;

export const campaignListResponseSchema = z.object({ items: z.array(campaignResponseSchema) });
export type CampaignListResponse = z.output<typeof campaignListResponseSchema>;

export const campaignParticipantResponseSchema = z.object({
  id: z.uuid(),
  accountId: z.string(),
  name: z.string(),
  affiliation: z.enum(PARTICIPANT_AFFILIATIONS),
  organisation: z.string(),
  fields: z.array(z.enum(CAMPAIGN_CASE_FIELDS)),
  validUntil: z.string(),
  invitedAt: z.string(),
});
export type CampaignParticipantResponse = z.output<typeof campaignParticipantResponseSchema>;

export const campaignVisitResponseSchema = z.object({
  id: z.uuid(),
  petitionNumber: z.string(),
  visitedAt: z.string(),
  place: z.string(),
  findings: z.string(),
  recordedBy: z.string(),
});
export type CampaignVisitResponse = z.output<typeof campaignVisitResponseSchema>;

export const accountabilityRecordResponseSchema = z.object({
  id: z.uuid(),
  campaignId: z.uuid(),
  petitionNumber: z.string(),
  organId: z.string(),
  kind: z.enum(ACCOUNTABILITY_KINDS),
  responsiblePost: z.string().nullable(),
  content: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type AccountabilityRecordResponse = z.output<typeof accountabilityRecordResponseSchema>;

export const campaignDetailResponseSchema = campaignResponseSchema.extend({
  cases: z.array(
    z.object({
      petitionNumber: z.string(),
      title: z.string(),
      divisionCode: z.string(),
      status: z.string(),
      addedAt: z.string(),
    }),
  ),
  participants: z.array(campaignParticipantResponseSchema),
  visits: z.array(campaignVisitResponseSchema),
  accountability: z.array(accountabilityRecordResponseSchema),
});
export type CampaignDetailResponse = z.output<typeof campaignDetailResponseSchema>;

export const selectCampaignCasesResponseSchema = z.object({
  added: z.number().int(),
  casesCovered: z.number().int(),
});
export type SelectCampaignCasesResponse = z.output<typeof selectCampaignCasesResponseSchema>;

/**
 * A campaign case as an invited participant sees it: only the fields their grant allows (the
 * others are absent, not blank), nothing personal beyond a masked name.
 */
export const participantCaseViewSchema = z.object({
  petitionNumber: z.string(),
  title: z.string().optional(),
  content: z.string().optional(),
  categoryCode: z.string().nullable().optional(),
  status: z.string().optional(),
  statusLabel: z.string().optional(),
  divisionCode: z.string().optional(),
  registeredAt: z.string().optional(),
  currentDeadline: z.object({ label: z.string(), dueAt: z.string() }).nullable().optional(),
  leadOrganId: z.string().nullable().optional(),
  visits: z
    .array(z.object({ visitedAt: z.string(), place: z.string(), findings: z.string() }))
    .optional(),
  petitionerName: z.string().optional(),
  address: z.string().nullable().optional(),
});
export type ParticipantCaseView = z.output<typeof participantCaseViewSchema>;

export const participantCampaignResponseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  divisionCode: z.string(),
  fields: z.array(z.enum(CAMPAIGN_CASE_FIELDS)),
  validUntil: z.string(),
});
export type ParticipantCampaignResponse = z.output<typeof participantCampaignResponseSchema>;

export const participantCampaignListResponseSchema = z.object({
  items: z.array(participantCampaignResponseSchema),
});
export type ParticipantCampaignListResponse = z.output<
  typeof participantCampaignListResponseSchema
>;

export const participantCaseListResponseSchema = z.object({
  items: z.array(participantCaseViewSchema),
});
export type ParticipantCaseListResponse = z.output<typeof participantCaseListResponseSchema>;
