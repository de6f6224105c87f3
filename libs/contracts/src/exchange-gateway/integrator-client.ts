import { z } from 'zod';
import { divisionCodeSchema, text } from '../common/field-schemas.js';

/**
 * What a client may do. `cases:read` widens reads, the change feed and webhooks from the
 * client's own submissions to every case of its allowed divisions.
 */
export const INTEGRATOR_SCOPES = [
  'complaints:submit',
  'complaints:read',
  'changes:read',
  'cases:read',
  'directory:read',
  /** `GET /exchange/v1/statistics`: aggregated figures of the allowed divisions. */
  'statistics:read',
  'webhooks:manage',
  'open311',
] as const;
export type IntegratorScope = (typeof INTEGRATOR_SCOPES)[number];

/** Body of `POST /exchange/v1/admin/clients` (system administrator). */
export const registerIntegratorClientRequestSchema = z.strictObject({
  name: text(100),
  scopes: z.array(z.enum(INTEGRATOR_SCOPES)).min(1).max(INTEGRATOR_SCOPES.length),
  /** Each covers its subtree; must lie within this instance's jurisdiction. */
  allowedDivisions: z.array(divisionCodeSchema).min(1).max(200),
  /** Requests per minute (a token bucket: bursts up to this many). */
  rateLimitPerMinute: z.number().int().min(1).max(100_000).default(600),
});
export type RegisterIntegratorClientRequest = z.output<
  typeof registerIntegratorClientRequestSchema
>;

export const integratorClientResponseSchema = z.object({
  clientId: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(INTEGRATOR_SCOPES)),
  allowedDivisions: z.array(z.string()),
  rateLimitPerMinute: z.number().int(),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  secretRotatedAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type IntegratorClientResponse = z.output<typeof integratorClientResponseSchema>;

/** Shown once, at registration and at each rotation: only ciphertext (secret) or a hash (key) is kept. */
export const integratorCredentialsSchema = z.object({
  clientId: z.string(),
  secret: z.string(),
  /** For clients with the `open311` scope: the `api_key` of Open311 POSTs. */
  open311ApiKey: z.string().nullable(),
});
export type IntegratorCredentials = z.output<typeof integratorCredentialsSchema>;

export const registeredIntegratorClientResponseSchema = integratorClientResponseSchema.extend({
  credentials: integratorCredentialsSchema,
});
export type RegisteredIntegratorClientResponse = z.output<
  typeof registeredIntegratorClientResponseSchema
>;
