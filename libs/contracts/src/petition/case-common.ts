import { z } from 'zod';
import {
  DEADLINE_LABELS,
  LEGAL_ROUTES,
  PETITION_STATUSES,
  type DeadlineKind,
} from '@minsheng/domain';

export const instantSchema = z.iso.datetime({ offset: true });
export const divisionCodeShape = z.string().regex(/^\d{6}$/);

export const petitionStatusSchema = z.enum(PETITION_STATUSES);
export const legalRouteSchema = z.enum(LEGAL_ROUTES);

export const DEADLINE_KINDS = Object.keys(DEADLINE_LABELS) as [DeadlineKind, ...DeadlineKind[]];
export const deadlineKindSchema = z.enum(DEADLINE_KINDS);

/** Every statutory deadline of a case (ISO instants, the end of a China day); `null` until it runs. */
export const caseDeadlinesSchema = z.object({
  routeBy: instantSchema,
  acceptBy: instantSchema,
  objectBy: instantSchema.nullable(),
  reportBy: instantSchema.nullable(),
  concludeBy: instantSchema.nullable(),
  reviewRequestBy: instantSchema.nullable(),
  reviewDecideBy: instantSchema.nullable(),
  reexaminationRequestBy: instantSchema.nullable(),
  reexaminationDecideBy: instantSchema.nullable(),
});
export type CaseDeadlines = z.output<typeof caseDeadlinesSchema>;

/** The deadline the case's current holder must meet (督办 watches it); `null` when none runs. */
export const currentDeadlineSchema = z
  .object({ kind: deadlineKindSchema, label: z.string(), dueAt: instantSchema })
  .nullable();

/**
 * The written notices (书面告知) the petitioner is owed: 转送/交办告知, 受理告知书, 不予受理告知书,
 * 依法分类处理告知书, 延期告知书, 处理意见书, 复查意见书, 复核意见书.
 */
export const WRITTEN_NOTICE_TYPES = [
  'routing',
  'acceptance',
  'non-acceptance',
  'legal-route',
  'extension',
  'handling-opinion',
  'review-opinion',
  'reexamination-opinion',
] as const;
export type WrittenNoticeType = (typeof WRITTEN_NOTICE_TYPES)[number];

/** A notice as rendered for the petitioner: it names them by their masked name only. */
export const writtenNoticeSchema = z.object({
  id: z.uuid(),
  type: z.enum(WRITTEN_NOTICE_TYPES),
  title: z.string(),
  text: z.string(),
  issuedAt: instantSchema,
  issuingOrganId: z.string().nullable(),
});
export type WrittenNotice = z.output<typeof writtenNoticeSchema>;
