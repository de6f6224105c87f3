import type { BoardMessageEntity } from './board-message.entity.js';

/**
 * 会办: with co-organs, the lead organ and every co-organ give their input before the reply is
 * drafted; a message with a lead organ alone needs none. Returns the organs still awaited.
 */
export function awaitingInputFrom(
  m: Pick<BoardMessageEntity, 'leadOrganId' | 'coOrgans'>,
  given: ReadonlyArray<{ organId: string }>,
): string[] {
  if (!m.leadOrganId || m.coOrgans.length === 0) return [];
  const done = new Set(given.map((i) => i.organId));
  return [m.leadOrganId, ...m.coOrgans.map((o) => o.id)].filter((id) => !done.has(id));
}

/** The part an organ plays on a message: lead (主办), co (协办), or none. */
export function organRole(
  m: Pick<BoardMessageEntity, 'leadOrganId' | 'coOrgans'>,
  organId: string | null,
): 'lead' | 'co' | null {
  if (!organId) return null;
  if (organId === m.leadOrganId) return 'lead';
  return m.coOrgans.some((o) => o.id === organId) ? 'co' : null;
}
