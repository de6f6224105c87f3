import { z } from 'zod';

/** Body of `POST /api/v1/auth/login`: password and the current TOTP code (two factors). */
export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totpCode: z.string().min(1).max(10),
});
export type LoginRequest = z.output<typeof loginRequestSchema>;

/** Body of `POST /api/v1/auth/refresh`. */
export const refreshSessionRequestSchema = z.strictObject({
  refreshToken: z.string().min(1).max(256),
});
export type RefreshSessionRequest = z.output<typeof refreshSessionRequestSchema>;

/** Answer to login and refresh: a short-lived access token and the session's next refresh token. */
export const sessionTokensResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Lifetime of the access token, in seconds. */
  expiresIn: z.number().int(),
  sessionId: z.uuid(),
});
export type SessionTokensResponse = z.output<typeof sessionTokensResponseSchema>;

/** One of the caller's own active sessions. */
export const staffSessionResponseSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastActivityAt: z.string(),
  absoluteExpiresAt: z.string(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  /** True for the session the request's access token belongs to. */
  current: z.boolean(),
});
export type StaffSessionResponse = z.output<typeof staffSessionResponseSchema>;

export const staffSessionListResponseSchema = z.object({
  items: z.array(staffSessionResponseSchema),
});
export type StaffSessionListResponse = z.output<typeof staffSessionListResponseSchema>;
