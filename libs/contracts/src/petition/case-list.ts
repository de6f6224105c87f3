import { z } from 'zod';
import { PETITION_STATUSES } from '@minsheng/domain';
import { CHANNELS, COMPLAINT_KINDS } from '../common/complaint-kind.js';
import { residentIdNumberSchema } from '../common/field-schemas.js';
import { deadlineKindSchema, petitionStatusSchema } from './case-common.js';

/**
 * The worklists: `mine` (待办: waiting for someone of the caller's organ and role), `organ` (the
 * caller's organ leads), `due-soon` (current deadline within the warning period), `overdue`;
 * without a view, every case of the caller's jurisdiction.
 */
export const WORKLIST_VIEWS = ['mine', 'organ', 'due-soon', 'overdue'] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

/** Query of `GET /api/v1/cases`. */
export const listCasesQuerySchema = z.strictObject({
  view: z.enum(WORKLIST_VIEWS).optional(),
  /** One status or several, comma-separated. */
  status: csv(PETITION_STATUSES).optional(),
  kind: z.enum(COMPLAINT_KINDS).optional(),
  channel: z.enum(CHANNELS).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Registered at or after / before (ISO instants). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  sort: z.enum(['registeredAt', 'deadline']).default('registeredAt'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListCasesQuery = z.output<typeof listCasesQuerySchema>;

/** A case in a worklist or search result: enough to pick it; the petitioner's name masked. */
export const caseListItemSchema = z.object({
  id: z.uuid(),
  petitionNumber: z.string(),
  kind: z.enum(COMPLAINT_KINDS),
  channel: z.enum(CHANNELS),
  title: z.string(),
  divisionCode: z.string(),
  status: petitionStatusSchema,
  statusText: z.string(),
  petitionerNameMasked: z.string(),
  registeredAt: z.string(),
  leadOrganId: z.string().nullable(),
  currentDeadline: z
    .object({ kind: deadlineKindSchema, label: z.string(), dueAt: z.string() })
    .nullable(),
  overdue: z.boolean(),
  backlog: z.boolean(),
  repeatOfCaseId: z.uuid().nullable(),
  collectiveGroupId: z.uuid().nullable(),
});
export type CaseListItem = z.output<typeof caseListItemSchema>;

export const caseListPageSchema = z.object({
  items: z.array(caseListItemSchema),
  /** Pass as `cursor` for the next page; `null` on the last. */
  nextCursor: z.string().nullable(),
});
export type CaseListPage = z.output<typeof caseListPageSchema>;

/** Query of `GET /api/v1/cases/search`: by number (prefix) or by words of the title and content. */
export const searchCasesQuerySchema = z
  .strictObject({
    number: z
      .string()
      .regex(/^[\d-]{4,20}$/, { message: '编号只能包含数字和“-”' })
      .optional(),
    q: z.string().trim().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((v) => (v.number === undefined) !== (v.q === undefined), {
    message: '请提供 number 或 q 之一',
  });
export type SearchCasesQuery = z.output<typeof searchCasesQuerySchema>;

/**
 * Body of `POST /api/v1/cases/search/petitioner`: the ID number typed by staff. A body, not a
 * query string, so the number never appears in a URL or an access log; only its keyed hash is used.
 */
export const searchByPetitionerRequestSchema = z.strictObject({
  idNumber: residentIdNumberSchema,
  limit: z.number().int().min(1).max(100).default(50),
});
export type SearchByPetitionerRequest = z.output<typeof searchByPetitionerRequestSchema>;

export const caseSearchResultSchema = z.object({ items: z.array(caseListItemSchema) });
export type CaseSearchResult = z.output<typeof caseSearchResultSchema>;
