import { Injectable } from '@nestjs/common';
import type { MarkSuggestionWorthStudyRequest, SuggestionStudyResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { wrongStage } from './suggestion.errors.js';
import { SuggestionTracker } from './suggestion-tracker.js';

/** 列入研究: staff find a citizen's suggestion worth study. */
@Injectable()
export class MarkSuggestionWorthStudyUseCase {
  constructor(private readonly tracker: SuggestionTracker) {}

  execute(
    principal: Principal,
    petitionNumber: string,
    request: MarkSuggestionWorthStudyRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.tracker.step(principal, petitionNumber, async ({ entity, study }) => {
      if (study) throw wrongStage('该建议已列入研究');
      return {
        step: 'marked-for-study',
        note: request.note,
        extra: { note: request.note },
        study: {
          caseId: entity.id,
          divisionCode: entity.divisionCode,
          stage: 'worth-study',
          worthStudyNote: request.note,
          markedBy: principal.userId,
          markedAt: new Date(),
          organId: null,
          assignedAt: null,
          findings: null,
          studiedAt: null,
          outcome: null,
          adoption: null,
          summary: null,
          reason: null,
          decidedBy: null,
          decidedAt: null,
        },
      };
    });
  }
}
