import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseDetailResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { canSeeCase } from './case-access.js';
import { caseNotFound } from './case.errors.js';
import { CaseDetailReader } from './case-detail.reader.js';
import { PetitionCaseEntity } from './petition-case.entity.js';

/** A case by number, for staff who may see it; otherwise 404 so existence does not leak. */
@Injectable()
export class GetCaseUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly details: CaseDetailReader,
  ) {}

  async execute(principal: Principal, petitionNumber: string): Promise<CaseDetailResponse> {
    const entity = await this.dataSource
      .getRepository(PetitionCaseEntity)
      .findOneBy({ petitionNumber });
    const allowed = entity !== null && canSeeCase(principal, entity);
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
    if (!entity || !allowed) throw caseNotFound();
    return this.details.read(entity);
  }
}
