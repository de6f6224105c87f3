import type { EntityManager } from 'typeorm';
import type { Principal } from '@minsheng/auth';
import { canSeeCase, lockCase } from '../case/case-access.js';
import { caseNotFound } from '../case/case.errors.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';

/** The case a supervision step is about, locked, if the caller may see it. */
export async function caseForSupervision(
  tx: EntityManager,
  principal: Principal,
  petitionNumber: string,
): Promise<PetitionCaseEntity> {
  const entity = await lockCase(tx, { petitionNumber });
  if (!entity || !canSeeCase(principal, entity)) throw caseNotFound();
  return entity;
}

/**
 * The case of an order or instruction: visible to those who see the case and to the organ the
 * order or instruction is addressed to.
 */
export async function caseOfTask(
  tx: EntityManager,
  principal: Principal,
  caseId: string,
  addressedTo: string,
): Promise<PetitionCaseEntity> {
  const entity = await tx.findOneBy(PetitionCaseEntity, { id: caseId });
  if (!entity || !(canSeeCase(principal, entity) || principal.organId === addressedTo)) {
    throw caseNotFound();
  }
  return entity;
}
