import { ForbiddenException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PetitionErrorCodes } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { isWithinJurisdiction } from '@minsheng/domain';
import { OrganEntity } from './organ.entity.js';
import { invalidOrganParent, organNotFound } from './organ.errors.js';

/** The organ to change, locked; outside the administrator's jurisdiction it does not exist. */
export async function findManagedOrgan(
  tx: EntityManager,
  administrator: Principal,
  id: string,
): Promise<OrganEntity> {
  const organ = await tx.findOne(OrganEntity, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
  if (!organ || !coversDivision(administrator, organ.divisionCode)) throw organNotFound();
  return organ;
}

export function assertManagesDivision(administrator: Principal, divisionCode: string): void {
  if (!coversDivision(administrator, divisionCode)) {
    throw new ForbiddenException({
      code: PetitionErrorCodes.notPermitted,
      message: '只能管理本级及下级行政区划的单位',
    });
  }
}

/**
 * The parent an organ may have: an active organ of the same division or one above it, and never
 * the organ itself or one of its descendants (the tree must stay a tree).
 */
export async function assertValidParent(
  tx: EntityManager,
  organ: Pick<OrganEntity, 'id' | 'divisionCode'>,
  parentId: string | null,
): Promise<void> {
  if (parentId === null) return;
  const parent = await tx.findOneBy(OrganEntity, { id: parentId });
  if (!parent || !parent.active) throw invalidOrganParent(`上级单位 ${parentId} 不存在或已停用`);
  if (!isWithinJurisdiction(parent.divisionCode, organ.divisionCode)) {
    throw invalidOrganParent('上级单位须属于本级或上级行政区划');
  }
  const [cycle] = await tx.query(
    `WITH RECURSIVE up(id, parent_id) AS (
       SELECT id, parent_id FROM organ WHERE id = $1
       UNION ALL SELECT o.id, o.parent_id FROM organ o JOIN up ON o.id = up.parent_id
     ) SELECT 1 AS found FROM up WHERE id = $2 LIMIT 1`,
    [parentId, organ.id],
  );
  if (cycle) throw invalidOrganParent('不能把单位移到它自己或它的下级单位之下');
}
