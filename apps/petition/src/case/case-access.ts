import type { EntityManager } from 'typeorm';
import { coversDivision, type Principal } from '@minsheng/auth';
import { PetitionCaseEntity } from './petition-case.entity.js';

/** The organs that take part in a case; their staff see it wherever it lies. */
export function caseOrgans(entity: PetitionCaseEntity): string[] {
  return [
    entity.registeringOrganId,
    entity.leadOrganId,
    ...entity.coHandlingOrganIds,
    entity.reviewOrganId,
    entity.reexaminationOrganId,
  ].filter((id): id is string => Boolean(id));
}

/**
 * Staff see a case of their jurisdiction (division subtree), or one their organ takes part in (a
 * city bureau the county transferred it to, the organ reviewing it). Anything else answers 404.
 */
export function canSeeCase(principal: Principal, entity: PetitionCaseEntity): boolean {
  return (
    coversDivision(principal, entity.divisionCode) ||
    (principal.organId !== null && caseOrgans(entity).includes(principal.organId))
  );
}

/** The case with this number, row-locked until the transaction ends, so actions on it serialise. */
export function lockCase(
  tx: EntityManager,
  where: { petitionNumber: string } | { id: string },
): Promise<PetitionCaseEntity | null> {
  return tx.findOne(PetitionCaseEntity, { where, lock: { mode: 'pessimistic_write' } });
}
