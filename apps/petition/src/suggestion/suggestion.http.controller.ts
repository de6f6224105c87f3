import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  assignSuggestionStudyRequestSchema,
  decideSuggestionRequestSchema,
  listSuggestionsQuerySchema,
  markSuggestionWorthStudyRequestSchema,
  recordSuggestionFindingsRequestSchema,
  suggestionListResponseSchema,
  suggestionStudyResponseSchema,
  suggestionSummaryResponseSchema,
  type AssignSuggestionStudyRequest,
  type DecideSuggestionRequest,
  type ListSuggestionsQuery,
  type MarkSuggestionWorthStudyRequest,
  type RecordSuggestionFindingsRequest,
  type SuggestionListResponse,
  type SuggestionStudyResponse,
  type SuggestionSummaryResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { AssignSuggestionStudyUseCase } from './assign-suggestion-study.use-case.js';
import { DecideSuggestionUseCase } from './decide-suggestion.use-case.js';
import { ListSuggestionsUseCase } from './list-suggestions.use-case.js';
import { MarkSuggestionWorthStudyUseCase } from './mark-suggestion-worth-study.use-case.js';
import { RecordSuggestionFindingsUseCase } from './record-suggestion-findings.use-case.js';
import { SuggestionTracker } from './suggestion-tracker.js';

const NOT_FOUND = 'NOT_FOUND — unknown, outside the caller’s jurisdiction, or not yet under study';
const CONFLICT = 'NOT_A_SUGGESTION, WRONG_SUGGESTION_STAGE';

/** 意见建议 → 采纳: a suggestion's study, from worth study to adopted (or not), and the counts. */
@ApiTags('suggestions')
@ApiBearerAuth()
@Controller('api/v1')
export class SuggestionHttpController {
  constructor(
    private readonly tracker: SuggestionTracker,
    private readonly markWorthStudy: MarkSuggestionWorthStudyUseCase,
    private readonly assignStudy: AssignSuggestionStudyUseCase,
    private readonly recordFindings: RecordSuggestionFindingsUseCase,
    private readonly decideOutcome: DecideSuggestionUseCase,
    private readonly suggestions: ListSuggestionsUseCase,
  ) {}

  @Get('suggestions')
  @Roles('clerk', 'supervisor', 'leader', 'analyst')
  @ApiOperation({ summary: '建议列表 (by category, period, stage, outcome, organ)' })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionListResponseSchema) })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listSuggestionsQuerySchema)) query: ListSuggestionsQuery,
  ): Promise<SuggestionListResponse> {
    return this.suggestions.list(principal, query);
  }

  @Get('suggestions/summary')
  @Roles('clerk', 'supervisor', 'leader', 'analyst')
  @ApiOperation({ summary: '建议采纳统计 (received, studied, adopted by category and organ)' })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionSummaryResponseSchema) })
  summary(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listSuggestionsQuerySchema)) query: ListSuggestionsQuery,
  ): Promise<SuggestionSummaryResponse> {
    return this.suggestions.summary(principal, query);
  }

  @Get('cases/:petitionNumber/suggestion')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({ summary: '建议研究采纳情况' })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionStudyResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: 'NOT_A_SUGGESTION' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<SuggestionStudyResponse> {
    return this.tracker.read(principal, petitionNumber);
  }

  @Post('cases/:petitionNumber/suggestion/mark-worth-study')
  @HttpCode(200)
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '列入研究 (the suggestion is worth study)' })
  @ApiBody({ schema: openApiSchema(markSuggestionWorthStudyRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionStudyResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CONFLICT })
  mark(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(markSuggestionWorthStudyRequestSchema))
    body: MarkSuggestionWorthStudyRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.markWorthStudy.execute(principal, petitionNumber, body);
  }

  @Post('cases/:petitionNumber/suggestion/assign')
  @HttpCode(200)
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '交有关单位研究 (the organ that would act on it)' })
  @ApiBody({ schema: openApiSchema(assignSuggestionStudyRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionStudyResponseSchema) })
  @ApiResponse({ status: 400, description: 'UNKNOWN_ORGAN, ORGAN_INACTIVE' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CONFLICT })
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(assignSuggestionStudyRequestSchema))
    body: AssignSuggestionStudyRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.assignStudy.execute(principal, petitionNumber, body);
  }

  @Post('cases/:petitionNumber/suggestion/findings')
  @HttpCode(200)
  @Roles('handler', 'leader')
  @ApiOperation({ summary: '研究意见 (the studying organ’s findings)' })
  @ApiBody({ schema: openApiSchema(recordSuggestionFindingsRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionStudyResponseSchema) })
  @ApiResponse({ status: 403, description: 'NOT_PERMITTED — not of the studying organ' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CONFLICT })
  findings(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(recordSuggestionFindingsRequestSchema))
    body: RecordSuggestionFindingsRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.recordFindings.execute(principal, petitionNumber, body);
  }

  @Post('cases/:petitionNumber/suggestion/decide')
  @HttpCode(200)
  @Roles('handler', 'leader')
  @ApiOperation({ summary: '采纳结论 (adopted, partly adopted, not adopted)' })
  @ApiBody({ schema: openApiSchema(decideSuggestionRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(suggestionStudyResponseSchema) })
  @ApiResponse({ status: 403, description: 'NOT_PERMITTED — not of the studying organ' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CONFLICT })
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(decideSuggestionRequestSchema)) body: DecideSuggestionRequest,
  ): Promise<SuggestionStudyResponse> {
    return this.decideOutcome.execute(principal, petitionNumber, body);
  }
}
