import type { EntityManager } from 'typeorm';
import { type AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { OrganEntity } from './organ.entity.js';
import { toOrganResponse } from './organ.mapper.js';

/** Saves a changed organ and records before and after in the audit trail, in one transaction. */
export async function saveOrganChange(
  tx: EntityManager,
  audit: AuditTrail,
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
  return after;
}
