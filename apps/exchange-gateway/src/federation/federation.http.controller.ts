import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  federatedReviewResponseSchema,
  federatedStatisticsResponseSchema,
  federationDeadLetterResponseSchema,
  forwardedCaseResponseSchema,
  replayDeadLettersResponseSchema,
  type FederatedReviewResponse,
  type FederatedStatisticsResponse,
  type FederationDeadLetterResponse,
  type ForwardedCaseResponse,
  type ReplayDeadLettersResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { DeadLetters } from './dead-letters.js';
import { FederationQueries } from './federation-queries.js';
import { StatisticsReporter } from './statistics-reporter.js';

const replayRequestSchema = z.strictObject({ id: z.uuid().optional() });
const trackingCodeSchema = z.string().regex(/^[A-Za-z0-9-]{1,32}$/);

@ApiTags('federation')
@ApiBearerAuth()
@Controller('api/v1/federation')
export class FederationHttpController {
  constructor(
    private readonly queries: FederationQueries,
    private readonly deadLetters: DeadLetters,
    private readonly statistics: StatisticsReporter,
  ) {}

  @Get('forwarded-cases/:trackingCode')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({
    summary: '转交件办理进度 (a complaint forwarded to another tier, as reported back)',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(forwardedCaseResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown, or outside the jurisdiction' })
  forwardedCase(
    @CurrentPrincipal() principal: Principal,
    @Param('trackingCode', new ZodValidationPipe(trackingCodeSchema)) trackingCode: string,
  ): Promise<ForwardedCaseResponse> {
    return this.queries.forwardedCase(principal, trackingCode);
  }

  @Get('review-requests')
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '下级上报的复查申请 (review requests sent up by lower tiers)' })
  @ApiResponse({ status: 200, schema: openApiSchema(z.array(federatedReviewResponseSchema)) })
  reviewRequests(@CurrentPrincipal() principal: Principal): Promise<FederatedReviewResponse[]> {
    return this.queries.reviewRequests(principal);
  }

  @Get('statistics')
  @Roles('analyst', 'leader', 'supervisor')
  @ApiOperation({ summary: '辖区案件数 (case counts of this subtree, as the tiers reported them)' })
  @ApiResponse({ status: 200, schema: openApiSchema(federatedStatisticsResponseSchema) })
  statisticsOfSubtree(): Promise<FederatedStatisticsResponse> {
    return this.statistics.subtree();
  }

  @Get('dead-letters')
  @Roles('system-admin')
  @ApiOperation({ summary: 'Envelopes that could not be applied, with the reason' })
  @ApiResponse({
    status: 200,
    schema: openApiSchema(z.array(federationDeadLetterResponseSchema)),
  })
  listDeadLetters(): Promise<FederationDeadLetterResponse[]> {
    return this.deadLetters.list();
  }

  @Post('dead-letters/replay')
  @HttpCode(200)
  @Roles('system-admin')
  @ApiOperation({ summary: 'Replay open dead letters (one by id, or all) after a fix' })
  @ApiResponse({ status: 200, schema: openApiSchema(replayDeadLettersResponseSchema) })
  replay(
    @Body(new ZodValidationPipe(replayRequestSchema)) body: z.output<typeof replayRequestSchema>,
  ): Promise<ReplayDeadLettersResponse> {
    return this.deadLetters.replay({ id: body.id });
  }

  @Get('refusals')
  @Roles('system-admin', 'security-admin')
  @ApiOperation({ summary: 'Envelopes refused (unsigned, bad signature, replayed, jurisdiction)' })
  refusals(): Promise<unknown[]> {
    return this.queries.refusals();
  }
}
