import { Injectable } from '@nestjs/common';
import type { RecordSuggestionFindingsRequest, SuggestionStudyResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { notOfStudyingOrgan, studyNotFound, wrongStage } from './suggestion.errors.js';
import { SuggestionTracker } from './suggestion-tracker.js';

/** 研究意见: the organ studying the suggestion records its findings (may revise them until decided). */
@Injectable()
export class RecordSuggestionFindingsUseCase {
  constructor(private readonly tracker: SuggestionTracker) {}

  execute(
    principal: Principal,
    petitionNumber: string,
    request: RecordSuggestionFindingsRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.tracker.step(principal, petitionNumber, async ({ study }) => {
      if (!study) throw studyNotFound();
      if (study.stage !== 'assigned' && study.stage !== 'studied') {
        throw wrongStage(study.stage === 'decided' ? '该建议已有采纳结论' : '该建议尚未交办研究');
      }
      if (principal.organId !== study.organId) throw notOfStudyingOrgan();
      return {
        step: 'studied',
        note: request.findings,
        extra: { findings: request.findings },
        study: { ...study, stage: 'studied', findings: request.findings, studiedAt: new Date() },
      };
    });
  }
}
