import { Injectable } from '@nestjs/common';
import type { IssueCircularRequest, SupervisionRecordResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { SupervisionRecorder } from './record-supervision.js';

/** 通报: the supervisor names an organ's handling of a case in a circular. */
@Injectable()
export class IssueCircularUseCase {
  constructor(private readonly recorder: SupervisionRecorder) {}

  execute(
    principal: Principal,
    petitionNumber: string,
    request: IssueCircularRequest,
  ): Promise<SupervisionRecordResponse> {
    return this.recorder.record(principal, petitionNumber, {
      kind: 'circular',
      organId: request.organId,
      interviewee: null,
      content: request.content,
      heldAt: null,
    });
  }
}
