import type { EntityManager } from 'typeorm';
import { type AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import type { OrganAnnouncer } from './organ-announcer.js';
import { OrganEntity } from './organ.entity.js';
import { toOrganResponse } from './organ.mapper.js';

/**
 * Saves a changed organ, records before and after in the audit trail and announces it, in one
 * transaction.
 */
export async function saveOrganChange(
  tx: EntityManager,
  { audit, announcer }: { audit: AuditTrail; announcer: OrganAnnouncer },
  administrator: Principal,
  action: string,
  before: OrganEntity,
  after: OrganEntity,
  details: Record<string, unknown> = {},
): Promise<OrganEntity> {
  await tx.update(
    OrganEntity,
    { id: before.id },
    {
      name: after.name,
      parentId: after.parentId,
      active: after.active,
      updatedAt: after.updatedAt,
    },
  );
  await audit.record(
    {
      action,
      outcome: 'success',
      actor: actorOf(administrator),
      target: { type: 'organ', id: before.id },
      divisionCode: before.divisionCode,
      details: { ...details, before: toOrganResponse(before), after: toOrganResponse(after) },
    },
    tx,
  );
  await announcer.changed(tx, after);
  return after;
}
