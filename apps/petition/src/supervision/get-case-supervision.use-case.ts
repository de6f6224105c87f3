import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseSupervisionResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { canSeeCase } from '../case/case-access.js';
import { caseNotFound } from '../case/case.errors.js';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { LeaderInstructionEntity } from './leader-instruction.entity.js';
import { SupervisionOrderEntity } from './supervision-order.entity.js';
import { SupervisionRecordEntity } from './supervision-record.entity.js';
import {
  toInstructionResponse,
  toSupervisionOrderResponse,
  toSupervisionRecordResponse,
} from './supervision.mapper.js';

/** Everything supervision did on a case: orders, interviews and circulars, instructions. */
@Injectable()
export class GetCaseSupervisionUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, petitionNumber: string): Promise<CaseSupervisionResponse> {
    const manager = this.dataSource.manager;
    const entity = await manager.findOneBy(PetitionCaseEntity, { petitionNumber });
    if (!entity || !canSeeCase(principal, entity)) throw caseNotFound();
    const where = { caseId: entity.id };
    const [orders, records, instructions] = await Promise.all([
      manager.find(SupervisionOrderEntity, { where, order: { issuedAt: 'ASC' } }),
      manager.find(SupervisionRecordEntity, { where, order: { recordedAt: 'ASC' } }),
      manager.find(LeaderInstructionEntity, { where, order: { issuedAt: 'ASC' } }),
    ]);
    const now = new Date();
    return {
      orders: orders.map((o) => toSupervisionOrderResponse(o, petitionNumber, now)),
      records: records.map(toSupervisionRecordResponse),
      instructions: instructions.map((i) => toInstructionResponse(i, petitionNumber, now)),
    };
  }
}
