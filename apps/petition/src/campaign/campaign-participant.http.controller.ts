import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  participantCampaignListResponseSchema,
  participantCaseListResponseSchema,
  participantCaseViewSchema,
  type ParticipantCampaignListResponse,
  type ParticipantCaseListResponse,
  type ParticipantCaseView,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { ReadCampaignAsParticipantUseCase } from './read-campaign-as-participant.use-case.js';

const NOT_FOUND = 'NOT_FOUND — not invited to it, or not one of its cases';
const ENDED = 'CAMPAIGN_ACCESS_ENDED — the campaign closed or the grant expired';

/**
 * 特邀监督员: what an invited deputy, CPPCC member or journalist may read — their campaigns'
 * cases, the granted fields only, read-only, while the grant lasts; every read audited.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/v1/campaign-access')
export class CampaignParticipantHttpController {
  constructor(private readonly reads: ReadCampaignAsParticipantUseCase) {}

  @Get('campaigns')
  @Roles('observer')
  @ApiOperation({ summary: '我受邀参加的督查活动' })
  @ApiResponse({ status: 200, schema: openApiSchema(participantCampaignListResponseSchema) })
  campaigns(@CurrentPrincipal() principal: Principal): Promise<ParticipantCampaignListResponse> {
    return this.reads.campaigns(principal);
  }

  @Get('campaigns/:campaignId/cases')
  @Roles('observer')
  @ApiOperation({ summary: '督查案件 (granted fields only)' })
  @ApiResponse({ status: 200, schema: openApiSchema(participantCaseListResponseSchema) })
  @ApiResponse({ status: 403, description: ENDED })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  cases(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
  ): Promise<ParticipantCaseListResponse> {
    return this.reads.cases(principal, campaignId);
  }

  @Get('campaigns/:campaignId/cases/:petitionNumber')
  @Roles('observer')
  @ApiOperation({ summary: '督查案件详情 (granted fields only)' })
  @ApiResponse({ status: 200, schema: openApiSchema(participantCaseViewSchema) })
  @ApiResponse({ status: 403, description: ENDED })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  case(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId') campaignId: string,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<ParticipantCaseView> {
    return this.reads.case(principal, campaignId, petitionNumber);
  }
}
