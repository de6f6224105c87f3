import { IsNull, type EntityManager } from 'typeorm';
import { StaffSessionEntity, type SessionRevokedReason } from './staff-session.entity.js';

/** Marks a person's sessions (or one of them) revoked; answers how many were still open. */
export async function revokeSessions(
  manager: EntityManager,
  { accountId, sessionId }: { accountId: string; sessionId?: string },
  reason: SessionRevokedReason,
): Promise<number> {
  const result = await manager.update(
    StaffSessionEntity,
    { accountId, ...(sessionId ? { id: sessionId } : {}), revokedAt: IsNull() },
    { revokedAt: new Date(), revokedReason: reason },
  );
  return result.affected ?? 0;
}
