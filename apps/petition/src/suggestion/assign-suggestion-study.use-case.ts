import { Injectable } from '@nestjs/common';
import type { AssignSuggestionStudyRequest, SuggestionStudyResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { OrganDirectory } from '../organ/organ-directory.js';
import { studyNotFound, wrongStage } from './suggestion.errors.js';
import { SuggestionTracker } from './suggestion-tracker.js';

/** 交由有关单位研究: the organ that would act on the suggestion studies it (again, if reassigned). */
@Injectable()
export class AssignSuggestionStudyUseCase {
  constructor(
    private readonly tracker: SuggestionTracker,
    private readonly organs: OrganDirectory,
  ) {}

  execute(
    principal: Principal,
    petitionNumber: string,
    request: AssignSuggestionStudyRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.tracker.step(principal, petitionNumber, async ({ tx, study }) => {
      if (!study) throw studyNotFound();
      if (study.stage !== 'worth-study' && study.stage !== 'assigned') {
        throw wrongStage('研究意见已形成，不能再改交其他单位');
      }
      const organ = await this.organs.requireActive(request.organId, tx);
      return {
        step: 'study-assigned',
        note: `交${organ.name}研究`,
        extra: {},
        study: { ...study, stage: 'assigned', organId: organ.id, assignedAt: new Date() },
      };
    });
  }
}
