import { Injectable } from '@nestjs/common';
import type { CaseDetailResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { CaseDetailReader } from './case-detail.reader.js';
import { CaseWorkflow, type CaseActionInput } from './case-workflow.js';

/** A staff member takes one workflow step on a case; the answer is the case as it now stands. */
@Injectable()
export class ApplyCaseActionUseCase {
  constructor(
    private readonly workflow: CaseWorkflow,
    private readonly details: CaseDetailReader,
  ) {}

  async execute(
    principal: Principal,
    petitionNumber: string,
    input: CaseActionInput,
  ): Promise<CaseDetailResponse> {
    const { entity } = await this.workflow.act(
      { kind: 'staff', principal },
      { petitionNumber },
      input,
    );
    return this.details.read(entity);
  }
}
