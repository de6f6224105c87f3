import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';

/** 信访工作机构 (petition office), 政府部门 (department), 人民政府 (the government of a division). */
export const ORGAN_KINDS = ['government', 'petition-office', 'department'] as const;
export type OrganKind = (typeof ORGAN_KINDS)[number];

/** `510104-zjj`: the division, a dash, lower-case letters, digits or dashes. */
export const organIdSchema = z.string().regex(/^\d{6}-[a-z0-9-]{1,40}$/, {
  message: '单位标识应为“行政区划代码-字母数字”，如 510104-zjj',
});

/** A responsible organ (责任单位) of this instance. */
export const organResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORGAN_KINDS),
  divisionCode: z.string(),
  parentId: z.string().nullable(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export type OrganResponse = z.output<typeof organResponseSchema>;

export const organListResponseSchema = z.object({ items: z.array(organResponseSchema) });
export type OrganListResponse = z.output<typeof organListResponseSchema>;

/** Query of `GET /api/v1/organs`. */
export const listOrgansQuerySchema = z.strictObject({
  divisionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  kind: z.enum(ORGAN_KINDS).optional(),
  includeInactive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ListOrgansQuery = z.output<typeof listOrgansQuerySchema>;

/** Body of `POST /api/v1/organs` (system administrator). */
export const createOrganRequestSchema = z.strictObject({
  /** Stable id; the service derives one from the division when left out. */
  id: organIdSchema.optional(),
  name: text(100),
  kind: z.enum(ORGAN_KINDS),
  divisionCode: divisionCodeSchema,
  parentId: organIdSchema.nullable(),
});
export type CreateOrganRequest = z.output<typeof createOrganRequestSchema>;

export const renameOrganRequestSchema = z.strictObject({ name: text(100) });
export type RenameOrganRequest = z.output<typeof renameOrganRequestSchema>;

export const moveOrganRequestSchema = z.strictObject({ parentId: organIdSchema.nullable() });
export type MoveOrganRequest = z.output<typeof moveOrganRequestSchema>;

export const deactivateOrganRequestSchema = z.strictObject({ reason: text(500) });
export type DeactivateOrganRequest = z.output<typeof deactivateOrganRequestSchema>;
