import type { EntityManager } from 'typeorm';
import type { Principal } from '@minsheng/auth';
import { NotFoundException } from '@nestjs/common';
import { ErrorCodes } from '@minsheng/contracts';
import type { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { LeaderInstructionEntity } from './leader-instruction.entity.js';
import { caseOfTask } from './supervision-access.js';
import { SupervisionOrderEntity } from './supervision-order.entity.js';

const taskNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该督办单或批示' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function lockOrder(
  tx: EntityManager,
  principal: Principal,
  orderId: string,
): Promise<{ order: SupervisionOrderEntity; entity: PetitionCaseEntity }> {
  if (!UUID.test(orderId)) throw taskNotFound();
  const order = await tx.findOne(SupervisionOrderEntity, {
    where: { id: orderId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!order) throw taskNotFound();
  return { order, entity: await caseOfTask(tx, principal, order.caseId, order.organId) };
}

export async function lockInstruction(
  tx: EntityManager,
  principal: Principal,
  instructionId: string,
): Promise<{ instruction: LeaderInstructionEntity; entity: PetitionCaseEntity }> {
  if (!UUID.test(instructionId)) throw taskNotFound();
  const instruction = await tx.findOne(LeaderInstructionEntity, {
    where: { id: instructionId },
    lock: { mode: 'pessimistic_write' },
  });
  if (!instruction) throw taskNotFound();
  return {
    instruction,
    entity: await caseOfTask(tx, principal, instruction.caseId, instruction.assigneeOrganId),
  };
}
