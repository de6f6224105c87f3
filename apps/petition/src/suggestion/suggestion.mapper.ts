import type { SuggestionStudyResponse } from '@minsheng/contracts';
import type { PetitionCaseEntity } from '../case/petition-case.entity.js';
import type { SuggestionStudyEntity } from './suggestion-study.entity.js';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function toSuggestionStudyResponse(
  entity: PetitionCaseEntity,
  study: SuggestionStudyEntity,
  organName: string | null,
): SuggestionStudyResponse {
  return {
    petitionNumber: entity.petitionNumber,
    divisionCode: entity.divisionCode,
    categoryCode: entity.categoryCode,
    title: entity.title,
    stage: study.stage,
    worthStudyNote: study.worthStudyNote,
    markedAt: study.markedAt.toISOString(),
    organId: study.organId,
    organName,
    assignedAt: iso(study.assignedAt),
    findings: study.findings,
    studiedAt: iso(study.studiedAt),
    outcome: study.outcome,
    adoption: study.adoption,
    summary: study.summary,
    reason: study.reason,
    decidedAt: iso(study.decidedAt),
  };
}
