import { Injectable } from '@nestjs/common';
import type { RecordInterviewRequest, SupervisionRecordResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { SupervisionRecorder } from './record-supervision.js';

/** 约谈: the supervisor records an interview of an organ's responsible person. */
@Injectable()
export class RecordInterviewUseCase {
  constructor(private readonly recorder: SupervisionRecorder) {}

  execute(
    principal: Principal,
    petitionNumber: string,
    request: RecordInterviewRequest,
  ): Promise<SupervisionRecordResponse> {
    return this.recorder.record(principal, petitionNumber, {
      kind: 'interview',
      organId: request.organId,
      interviewee: request.interviewee,
      content: request.content,
      heldAt: new Date(request.heldAt),
    });
  }
}
