import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorCodes, type CaseSummaryResponse } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { toCaseSummaryResponse } from './case.mapper.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

/** A case by number, for staff whose jurisdiction covers it; otherwise 404 so existence does not leak. */
@Injectable()
export class GetCaseUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, petitionNumber: string): Promise<CaseSummaryResponse> {
    const entity = await this.dataSource
      .getRepository(PetitionCaseEntity)
      .findOneBy({ petitionNumber });
    if (!entity || !coversDivision(principal, entity.divisionCode)) {
      throw new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该信访事项' });
    }
    return toCaseSummaryResponse(entity);
  }
}
