import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes, type CaseSummaryResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { PersonalData } from '@minsheng/runtime';
import { toCaseSummaryResponse } from './case.mapper.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

/** A case by number, for staff whose jurisdiction covers it; otherwise 404 so existence does not leak. */
@Injectable()
export class GetCaseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly personalData: PersonalData,
  ) {}

  async execute(principal: Principal, petitionNumber: string): Promise<CaseSummaryResponse> {
    const entity = await this.dataSource
      .getRepository(PetitionCaseEntity)
      .findOneBy({ petitionNumber });
    const allowed = entity !== null && coversDivision(principal, entity.divisionCode);
    if (entity) {
      // A read of the petitioner's personal data — or an attempt from outside the jurisdiction.
      await this.audit.record({
        action: 'case.viewed',
        outcome: allowed ? 'success' : 'denied',
        actor: actorOf(principal),
        target: { type: 'petition-case', id: entity.id },
        divisionCode: entity.divisionCode,
        details: { petitionNumber },
      });
    }
    if (!entity || !allowed) {
      throw new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该信访事项' });
    }
    return toCaseSummaryResponse(entity, this.personalData);
  }
}
