import { Module } from '@nestjs/common';
import { AssignSuggestionStudyUseCase } from './assign-suggestion-study.use-case.js';
import { DecideSuggestionUseCase } from './decide-suggestion.use-case.js';
import { ListSuggestionsUseCase } from './list-suggestions.use-case.js';
import { MarkSuggestionWorthStudyUseCase } from './mark-suggestion-worth-study.use-case.js';
import { RecordSuggestionFindingsUseCase } from './record-suggestion-findings.use-case.js';
import { SuggestionTracker } from './suggestion-tracker.js';
import { SuggestionHttpController } from './suggestion.http.controller.js';

/** 意见建议 → 采纳: suggestions tracked from worth study to adoption. */
@Module({
  controllers: [SuggestionHttpController],
  providers: [
    SuggestionTracker,
    MarkSuggestionWorthStudyUseCase,
    AssignSuggestionStudyUseCase,
    RecordSuggestionFindingsUseCase,
    DecideSuggestionUseCase,
    ListSuggestionsUseCase,
  ],
})
export class SuggestionModule {}
