import type { StaffSessionEntity } from './staff-session.entity.js';

export interface SessionTimeouts {
  idleSeconds: number;
}

export type SessionState = 'active' | 'revoked' | 'expired';

/** Revoked wins over expired; a session expires when idle too long or past its absolute end. */
export function sessionState(
  session: Pick<StaffSessionEntity, 'revokedAt' | 'lastActivityAt' | 'absoluteExpiresAt'>,
  now: Date,
  { idleSeconds }: SessionTimeouts,
): SessionState {
  if (session.revokedAt) return 'revoked';
  if (now.getTime() >= session.absoluteExpiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastActivityAt.getTime() > idleSeconds * 1000) return 'expired';
  return 'active';
}
