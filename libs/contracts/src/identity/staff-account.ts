import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';
import { ROLES } from '../common/roles.js';

export const STAFF_ACCOUNT_STATUSES = ['active', 'disabled'] as const;
export type StaffAccountStatus = (typeof STAFF_ACCOUNT_STATUSES)[number];

/** Lower-case letters, digits, `.`, `_`, `-`; 3 to 64 characters, starting with a letter or digit. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    message: '用户名应为 3–64 位小写字母、数字或 . _ -，以字母或数字开头',
  });

const rolesSchema = z
  .array(z.enum(ROLES))
  .min(1, { message: '至少需要一个角色' })
  .max(ROLES.length)
  .refine((roles) => new Set(roles).size === roles.length, { message: '角色不能重复' });

/** Body of `POST /api/v1/accounts` (security administrator). */
export const createStaffAccountRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: text(50),
  /** Checked against the password policy by the service (length, character classes, username). */
  password: z.string().min(1).max(128),
  roles: rolesSchema,
  divisionCode: divisionCodeSchema,
  organId: z.string().min(1).max(64).nullable().optional(),
});
export type CreateStaffAccountRequest = z.output<typeof createStaffAccountRequestSchema>;

/** Body of `PATCH /api/v1/accounts/:id`; at least one field. */
export const updateStaffAccountRequestSchema = z
  .strictObject({
    displayName: text(50).optional(),
    roles: rolesSchema.optional(),
    status: z.enum(STAFF_ACCOUNT_STATUSES).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: '至少修改一项',
  });
export type UpdateStaffAccountRequest = z.output<typeof updateStaffAccountRequestSchema>;

/** Query of `GET /api/v1/accounts`. */
export const listStaffAccountsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  status: z.enum(STAFF_ACCOUNT_STATUSES).optional(),
});
export type ListStaffAccountsQuery = z.output<typeof listStaffAccountsQuerySchema>;

/** A staff account as administrators see it: never a password hash or TOTP secret. */
export const staffAccountResponseSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  divisionCode: z.string(),
  organId: z.string().nullable(),
  status: z.enum(STAFF_ACCOUNT_STATUSES),
  passwordChangedAt: z.string(),
  createdAt: z.string(),
});
export type StaffAccountResponse = z.output<typeof staffAccountResponseSchema>;

export const staffAccountListResponseSchema = z.object({
  items: z.array(staffAccountResponseSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type StaffAccountListResponse = z.output<typeof staffAccountListResponseSchema>;

/**
 * The `otpauth://` URI to enrol the account's TOTP authenticator (shown as a QR code). It is
 * returned once, when the secret is created or reset, and never again.
 */
export const totpProvisioningResponseSchema = z.object({
  totpProvisioningUri: z.string().startsWith('otpauth://totp/'),
});
export type TotpProvisioningResponse = z.output<typeof totpProvisioningResponseSchema>;

export const createStaffAccountResponseSchema = z.object({
  account: staffAccountResponseSchema,
  totpProvisioningUri: z.string().startsWith('otpauth://totp/'),
});
export type CreateStaffAccountResponse = z.output<typeof createStaffAccountResponseSchema>;

export const revokeSessionsResponseSchema = z.object({
  revokedSessions: z.number().int(),
});
export type RevokeSessionsResponse = z.output<typeof revokeSessionsResponseSchema>;
