import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PetitionErrorCodes,
  instructionCompletedEvent,
  type CompleteInstructionRequest,
  type InstructionResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { conflict, notPermitted } from '../case/case.errors.js';
import { caseRef } from '../repeat/repeat-detector.js';
import { LeaderInstructionEntity } from './leader-instruction.entity.js';
import { lockInstruction } from './lock-task.js';
import { SupervisionLog } from './supervision-log.js';
import { toInstructionResponse } from './supervision.mapper.js';

/** The assignee organ reports what it did on the instruction. */
@Injectable()
export class CompleteInstructionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly log: SupervisionLog,
  ) {}

  async execute(
    principal: Principal,
    instructionId: string,
    request: CompleteInstructionRequest,
  ): Promise<InstructionResponse> {
    const [instruction, petitionNumber] = await inTransaction(this.dataSource, async (tx) => {
      const { instruction, entity } = await lockInstruction(tx, principal, instructionId);
      if (principal.organId !== instruction.assigneeOrganId) {
        throw notPermitted('只有承办批示的单位可以报告办理结果');
      }
      if (instruction.completedAt) throw conflict(PetitionErrorCodes.alreadyClosed, '该批示已办结');
      const completedAt = new Date();
      const late = completedAt.getTime() > instruction.dueAt.getTime();
      const changes = { result: request.result, completedAt, completedBy: principal.userId };
      await tx.update(LeaderInstructionEntity, { id: instruction.id }, changes);
      await this.log.record(tx, principal, entity, 'instruction-completed', request.result, {
        instructionId: instruction.id,
        late,
      });
      await this.events.publish(
        tx,
        instructionCompletedEvent,
        {
          ...caseRef(entity),
          instructionId: instruction.id,
          assigneeOrganId: instruction.assigneeOrganId,
          dueAt: instruction.dueAt.toISOString(),
          result: request.result,
          completedAt: completedAt.toISOString(),
          late,
        },
        { divisionCode: entity.divisionCode, occurredAt: completedAt },
      );
      return [{ ...instruction, ...changes }, entity.petitionNumber] as const;
    });
    return toInstructionResponse(instruction, petitionNumber);
  }
}
