import { Injectable } from '@nestjs/common';
import {
  SUGGESTION_OUTCOME_LABELS,
  type DecideSuggestionRequest,
  type SuggestionStudyResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { notOfStudyingOrgan, studyNotFound, wrongStage } from './suggestion.errors.js';
import { SuggestionTracker } from './suggestion-tracker.js';

/**
 * 采纳 / 部分采纳 / 未采纳: the organ that studied the suggestion ends it, saying what it became
 * (a measure, a rule, a budget line, with reference and date) or why it was not (all) taken up.
 */
@Injectable()
export class DecideSuggestionUseCase {
  constructor(private readonly tracker: SuggestionTracker) {}

  execute(
    principal: Principal,
    petitionNumber: string,
    request: DecideSuggestionRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.tracker.step(principal, petitionNumber, async ({ study }) => {
      if (!study) throw studyNotFound();
      if (study.stage !== 'studied') {
        throw wrongStage(
          study.stage === 'decided' ? '该建议已有采纳结论' : '研究意见形成后才能作出采纳结论',
        );
      }
      if (principal.organId !== study.organId) throw notOfStudyingOrgan();
      const adoption = request.outcome === 'not-adopted' ? null : request.adoption;
      const summary = request.outcome === 'not-adopted' ? null : request.summary;
      const reason = request.outcome === 'adopted' ? null : request.reason;
      return {
        step: 'decided',
        note: SUGGESTION_OUTCOME_LABELS[request.outcome],
        extra: { outcome: request.outcome, adoption, summary, reason },
        study: {
          ...study,
          stage: 'decided',
          outcome: request.outcome,
          adoption,
          summary,
          reason,
          decidedBy: principal.userId,
          decidedAt: new Date(),
        },
      };
    });
  }
}
