import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  assignMessageRequestSchema,
  claimMessageRequestSchema,
  draftReplyRequestSchema,
  extendMessageRequestSchema,
  leaderMessageResponseSchema,
  reviewReplyRequestSchema,
  type AssignMessageRequest,
  type ClaimMessageRequest,
  type DraftReplyRequest,
  type ExtendMessageRequest,
  type LeaderMessageResponse,
  type ReviewReplyRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { AssignMessageUseCase } from './assign-message.use-case.js';
import { ClaimMessageUseCase } from './claim-message.use-case.js';
import { ConvertToCaseUseCase } from './convert-to-case.use-case.js';
import { DraftReplyUseCase } from './draft-reply.use-case.js';
import { ExtendMessageUseCase } from './extend-message.use-case.js';
import { GetMessageUseCase } from './get-message.use-case.js';
import { ReviewReplyUseCase } from './review-reply.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';
const message = openApiSchema(leaderMessageResponseSchema);

/** The handling of a leader's message: claim, assign, draft, review, extend, convert. */
@ApiTags('leader messages')
@ApiBearerAuth()
@Controller('api/v1/messages')
export class MessageHttpController {
  constructor(
    private readonly getMessage: GetMessageUseCase,
    private readonly claimMessage: ClaimMessageUseCase,
    private readonly assignMessage: AssignMessageUseCase,
    private readonly draftReply: DraftReplyUseCase,
    private readonly reviewReply: ReviewReplyUseCase,
    private readonly extendMessage: ExtendMessageUseCase,
    private readonly convertToCase: ConvertToCaseUseCase,
  ) {}

  @Get(':id')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({ summary: '留言详情 (with drafts, publication, rating, petition case)' })
  @ApiResponse({ status: 200, schema: message })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<LeaderMessageResponse> {
    return this.getMessage.execute(p, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('clerk', 'leader')
  @ApiOperation({ summary: '认领' })
  @ApiBody({ schema: openApiSchema(claimMessageRequestSchema) })
  @ApiResponse({ status: 200, schema: message })
  @ApiResponse({ status: 409, description: 'INVALID_MESSAGE_STATE' })
  claim(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(claimMessageRequestSchema)) body: ClaimMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return this.claimMessage.execute(p, id, body);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @Roles('clerk', 'leader', 'supervisor')
  @ApiOperation({ summary: '交办 (主办 and 协办 organs)' })
  @ApiBody({ schema: openApiSchema(assignMessageRequestSchema) })
  @ApiResponse({ status: 200, schema: message })
  assign(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(assignMessageRequestSchema)) body: AssignMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return this.assignMessage.execute(p, id, body);
  }

  @Post(':id/drafts')
  @HttpCode(201)
  @Roles('handler')
  @ApiOperation({ summary: '起草答复 (the lead organ)' })
  @ApiBody({ schema: openApiSchema(draftReplyRequestSchema) })
  @ApiResponse({ status: 201, schema: message })
  @ApiResponse({ status: 400, description: 'REPLY_CONTAINS_PERSONAL_DATA' })
  draft(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(draftReplyRequestSchema)) body: DraftReplyRequest,
  ): Promise<LeaderMessageResponse> {
    return this.draftReply.execute(p, id, body);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('leader', 'supervisor')
  @ApiOperation({ summary: '审核答复: approve, or 退回重办' })
  @ApiBody({ schema: openApiSchema(reviewReplyRequestSchema) })
  @ApiResponse({ status: 200, schema: message })
  review(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(reviewReplyRequestSchema)) body: ReviewReplyRequest,
  ): Promise<LeaderMessageResponse> {
    return this.reviewReply.execute(p, id, body);
  }

  @Post(':id/extension')
  @HttpCode(200)
  @Roles('leader', 'supervisor')
  @ApiOperation({ summary: '延期 (approved by the leader’s office)' })
  @ApiBody({ schema: openApiSchema(extendMessageRequestSchema) })
  @ApiResponse({ status: 200, schema: message })
  extend(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(extendMessageRequestSchema)) body: ExtendMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return this.extendMessage.execute(p, id, body);
  }

  @Post(':id/petition-case')
  @HttpCode(200)
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '转为信访事项 (petition registers the case)' })
  @ApiResponse({ status: 200, schema: message })
  convert(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
  ): Promise<LeaderMessageResponse> {
    return this.convertToCase.execute(p, id);
  }
}
