import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  caseDetailResponseSchema,
  unlinkRepeatRequestSchema,
  type CaseDetailResponse,
  type UnlinkRepeatRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { ReviewRepeatLink } from './review-repeat-link.js';

/** 重复信访: staff confirm or remove the link found at registration. */
@ApiTags('repeat petitions')
@ApiBearerAuth()
@Roles('clerk', 'supervisor')
@Controller('api/v1/cases/:petitionNumber/repeat')
export class RepeatHttpController {
  constructor(private readonly review: ReviewRepeatLink) {}

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({ summary: '确认重复信访 (confirm the repeat link)' })
  @ApiResponse({ status: 200, schema: openApiSchema(caseDetailResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'NOT_A_REPEAT' })
  confirm(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
  ): Promise<CaseDetailResponse> {
    return this.review.decide(principal, petitionNumber, { kind: 'confirm' });
  }

  @Post('unlink')
  @HttpCode(200)
  @ApiOperation({ summary: '解除重复信访关联 (the matters differ)' })
  @ApiBody({ schema: openApiSchema(unlinkRepeatRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(caseDetailResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'NOT_A_REPEAT' })
  unlink(
    @CurrentPrincipal() principal: Principal,
    @Param('petitionNumber') petitionNumber: string,
    @Body(new ZodValidationPipe(unlinkRepeatRequestSchema)) body: UnlinkRepeatRequest,
  ): Promise<CaseDetailResponse> {
    return this.review.decide(principal, petitionNumber, { kind: 'unlink', reason: body.reason });
  }
}
