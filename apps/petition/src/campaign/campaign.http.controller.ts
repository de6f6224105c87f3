import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  accountabilityRecordResponseSchema,
  campaignDetailResponseSchema,
  campaignListResponseSchema,
  campaignParticipantResponseSchema,
  campaignResponseSchema,
  campaignVisitResponseSchema,
  closeCampaignRequestSchema,
  createCampaignRequestSchema,
  inviteCampaignParticipantRequestSchema,
  recordAccountabilityRequestSchema,
  recordCampaignVisitRequestSchema,
  selectCampaignCasesRequestSchema,
  selectCampaignCasesResponseSchema,
  type AccountabilityRecordResponse,
  type CampaignDetailResponse,
  type CampaignListResponse,
  type CampaignParticipantResponse,
  type CampaignResponse,
  type CampaignVisitResponse,
  type CloseCampaignRequest,
  type CreateCampaignRequest,
  type InviteCampaignParticipantRequest,
  type RecordAccountabilityRequest,
  type RecordCampaignVisitRequest,
  type SelectCampaignCasesRequest,
  type SelectCampaignCasesResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CloseCampaignUseCase } from './close-campaign.use-case.js';
import { CreateCampaignUseCase } from './create-campaign.use-case.js';
import { GetCampaignUseCase } from './get-campaign.use-case.js';
import { InviteCampaignParticipantUseCase } from './invite-campaign-participant.use-case.js';
import { RecordAccountabilityUseCase } from './record-accountability.use-case.js';
import { RecordCampaignVisitUseCase } from './record-campaign-visit.use-case.js';
import { SelectCampaignCasesUseCase } from './select-campaign-cases.use-case.js';

const NOT_FOUND = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';
const CLOSED = 'CAMPAIGN_CLOSED';

/** 统筹实地督查: supervisors run campaigns; leaders follow them. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaigns')
export class CampaignHttpController {
  constructor(
    private readonly create: CreateCampaignUseCase,
    private readonly read: GetCampaignUseCase,
    private readonly select: SelectCampaignCasesUseCase,
    private readonly invite: InviteCampaignParticipantUseCase,
    private readonly visit: RecordCampaignVisitUseCase,
    private readonly accountability: RecordAccountabilityUseCase,
    private readonly close: CloseCampaignUseCase,
  ) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({ summary: '新建督查活动 (open a supervision campaign)' })
  @ApiBody({ schema: openApiSchema(createCampaignRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(campaignResponseSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, UNKNOWN_DIVISION' })
  createCampaign(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createCampaignRequestSchema)) body: CreateCampaignRequest,
  ): Promise<CampaignResponse> {
    return this.create.execute(principal, body);
  }

  @Get()
  @Roles('supervisor', 'leader')
  @ApiOperation({ summary: '督查活动列表 (of my jurisdiction)' })
  @ApiResponse({ status: 200, schema: openApiSchema(campaignListResponseSchema) })
  list(@CurrentPrincipal() principal: Principal): Promise<CampaignListResponse> {
    return this.read.list(principal);
  }

  @Get(':campaignId')
  @Roles('supervisor', 'leader')
  @ApiOperation({ summary: '督查活动详情 (cases, participants, visits, accountability)' })
  @ApiResponse({ status: 200, schema: openApiSchema(campaignDetailResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  detail(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
  ): Promise<CampaignDetailResponse> {
    return this.read.detail(principal, campaignId);
  }

  @Post(':campaignId/cases/select')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '按规则选取案件 (backlog, overdue, repeat, categories, division)' })
  @ApiBody({ schema: openApiSchema(selectCampaignCasesRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(selectCampaignCasesResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CLOSED })
  selectCases(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(selectCampaignCasesRequestSchema)) body: SelectCampaignCasesRequest,
  ): Promise<SelectCampaignCasesResponse> {
    return this.select.execute(principal, campaignId, body);
  }

  @Post(':campaignId/participants')
  @Roles('supervisor')
  @ApiOperation({ summary: '邀请特邀监督员 (read-only, limited, time-bound)' })
  @ApiBody({ schema: openApiSchema(inviteCampaignParticipantRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(campaignParticipantResponseSchema) })
  @ApiResponse({ status: 400, description: 'FIELDS_NOT_ALLOWED, GRANT_TOO_LONG' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: `${CLOSED}, ALREADY_INVITED` })
  inviteParticipant(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(inviteCampaignParticipantRequestSchema))
    body: InviteCampaignParticipantRequest,
  ): Promise<CampaignParticipantResponse> {
    return this.invite.execute(principal, campaignId, body);
  }

  @Post(':campaignId/visits')
  @Roles('supervisor')
  @ApiOperation({ summary: '实地督查记录 (a site visit and its findings)' })
  @ApiBody({ schema: openApiSchema(recordCampaignVisitRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(campaignVisitResponseSchema) })
  @ApiResponse({ status: 400, description: 'CASE_NOT_IN_CAMPAIGN' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CLOSED })
  recordVisit(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(recordCampaignVisitRequestSchema)) body: RecordCampaignVisitRequest,
  ): Promise<CampaignVisitResponse> {
    return this.visit.execute(principal, campaignId, body);
  }

  @Post(':campaignId/accountability')
  @Roles('supervisor')
  @ApiOperation({ summary: '问责记录 (约谈、通报、倒查、责任追究)' })
  @ApiBody({ schema: openApiSchema(recordAccountabilityRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(accountabilityRecordResponseSchema) })
  @ApiResponse({ status: 400, description: 'CASE_NOT_IN_CAMPAIGN, UNKNOWN_ORGAN, ORGAN_INACTIVE' })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CLOSED })
  recordAccountability(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(recordAccountabilityRequestSchema))
    body: RecordAccountabilityRequest,
  ): Promise<AccountabilityRecordResponse> {
    return this.accountability.execute(principal, campaignId, body);
  }

  @Post(':campaignId/close')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: '结束督查并形成报告 (ends every participant’s access)' })
  @ApiBody({ schema: openApiSchema(closeCampaignRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(campaignResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  @ApiResponse({ status: 409, description: CLOSED })
  closeCampaign(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Body(new ZodValidationPipe(closeCampaignRequestSchema)) body: CloseCampaignRequest,
  ): Promise<CampaignResponse> {
    return this.close.execute(principal, campaignId, body);
  }
}
