import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  instructionIssuedEvent,
  type InstructionResponse,
  type IssueInstructionRequest,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { DeadlineCalendar } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { OrganDirectory } from '../organ/organ-directory.js';
import { caseRef } from '../repeat/repeat-detector.js';
import { LeaderInstructionEntity } from './leader-instruction.entity.js';
import { caseForSupervision } from './supervision-access.js';
import { SupervisionLog } from './supervision-log.js';
import { toInstructionResponse } from './supervision.mapper.js';

/** 领导批示: a leader's written instruction on a case becomes a task for an organ, with a deadline. */
@Injectable()
export class IssueInstructionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: DeadlineCalendar,
    private readonly organs: OrganDirectory,
    private readonly events: EventPublisher,
    private readonly log: SupervisionLog,
  ) {}

  async execute(
    principal: Principal,
    petitionNumber: string,
    request: IssueInstructionRequest,
  ): Promise<InstructionResponse> {
    const instruction = await inTransaction(this.dataSource, async (tx) => {
      const entity = await caseForSupervision(tx, principal, petitionNumber);
      await this.organs.requireActive(request.assigneeOrganId, tx);
      const issuedAt = new Date();
      const instruction: LeaderInstructionEntity = {
        id: randomUUID(),
        caseId: entity.id,
        divisionCode: entity.divisionCode,
        text: request.text,
        assigneeOrganId: request.assigneeOrganId,
        issuedBy: principal.userId,
        issuedAt,
        dueAt: this.calendar.addDays(issuedAt, request.dueWithinDays),
        result: null,
        completedAt: null,
        completedBy: null,
        overdueNotifiedAt: null,
      };
      await tx.insert(LeaderInstructionEntity, instruction);
      await this.log.record(tx, principal, entity, 'instruction-issued', request.text, {
        instructionId: instruction.id,
        assigneeOrganId: request.assigneeOrganId,
        dueAt: instruction.dueAt.toISOString(),
      });
      await this.events.publish(
        tx,
        instructionIssuedEvent,
        {
          ...caseRef(entity),
          instructionId: instruction.id,
          assigneeOrganId: instruction.assigneeOrganId,
          dueAt: instruction.dueAt.toISOString(),
          text: instruction.text,
          issuedAt: issuedAt.toISOString(),
        },
        { divisionCode: entity.divisionCode, occurredAt: issuedAt },
      );
      return instruction;
    });
    return toInstructionResponse(instruction, petitionNumber);
  }
}
