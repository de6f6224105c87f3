import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  assignMessageRequestSchema,
  claimMessageRequestSchema,
  confirmPublicationRequestSchema,
  draftReplyRequestSchema,
  extendMessageRequestSchema,
  leaderMessageResponseSchema,
  listMessagesQuerySchema,
  messageListPageSchema,
  organInputRequestSchema,
  reviewExtensionRequestSchema,
  reviewReplyRequestSchema,
  type AssignMessageRequest,
  type ClaimMessageRequest,
  type ConfirmPublicationRequest,
  type DraftReplyRequest,
  type ExtendMessageRequest,
  type LeaderMessageResponse,
  type ListMessagesQuery,
  type MessageListPage,
  type OrganInputRequest,
  type ReviewExtensionRequest,
  type ReviewReplyRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { AssignMessageUseCase } from './assign-message.use-case.js';
import { ClaimMessageUseCase } from './claim-message.use-case.js';
import { ConvertToCaseUseCase } from './convert-to-case.use-case.js';
import { DraftReplyUseCase } from './draft-reply.use-case.js';
import { ConfirmPublicationUseCase } from './confirm-publication.use-case.js';
import { RequestExtensionUseCase, ReviewExtensionUseCase } from './extend-message.use-case.js';
import { GetMessageUseCase } from './get-message.use-case.js';
import { GiveOrganInputUseCase } from './give-organ-input.use-case.js';
import { ListMessagesUseCase } from './list-messages.use-case.js';
import { ReviewReplyUseCase } from './review-reply.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';
const message = openApiSchema(leaderMessageResponseSchema);

/**
 * The handling of a leader's message: list, claim, assign, 会办 inputs, draft, review, extension
 * (requested by the organ, decided by the leader's office), convert, confirm publication.
 */
@ApiTags('leader messages')
@ApiBearerAuth()
@Controller('api/v1/messages')
export class MessageHttpController {
  constructor(
    private readonly listMessages: ListMessagesUseCase,
    private readonly getMessage: GetMessageUseCase,
    private readonly claimMessage: ClaimMessageUseCase,
    private readonly assignMessage: AssignMessageUseCase,
    private readonly draftReply: DraftReplyUseCase,
    private readonly reviewReply: ReviewReplyUseCase,
    private readonly requestExtension: RequestExtensionUseCase,
    private readonly reviewExtension: ReviewExtensionUseCase,
    private readonly convertToCase: ConvertToCaseUseCase,
    private readonly giveOrganInput: GiveOrganInputUseCase,
    private readonly confirmPublication: ConfirmPublicationUseCase,
  ) {}

  @Get()
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({
    summary: '留言列表 (filters: status, board, leader, organ, due soon / overdue; keyset pages)',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(messageListPageSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, INVALID_CURSOR' })
  list(
    @CurrentPrincipal() p: Principal,
    @Query(new ZodValidationPipe(listMessagesQuerySchema)) query: ListMessagesQuery,
  ): Promise<MessageListPage> {
    return this.listMessages.execute(p, query);
  }

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

  @Post(':id/organ-inputs')
  @HttpCode(201)
  @Roles('handler')
  @ApiOperation({ summary: '会办意见 (the lead organ or a co-organ, before the draft)' })
  @ApiBody({ schema: openApiSchema(organInputRequestSchema) })
  @ApiResponse({ status: 201, schema: message })
  @ApiResponse({ status: 409, description: 'NOT_ASSIGNED_ORGAN, INVALID_MESSAGE_STATE' })
  organInput(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(organInputRequestSchema)) body: OrganInputRequest,
  ): Promise<LeaderMessageResponse> {
    return this.giveOrganInput.execute(p, id, body);
  }

  @Post(':id/extension-requests')
  @HttpCode(201)
  @Roles('handler')
  @ApiOperation({ summary: '申请延期 (the lead organ; the leader’s office decides)' })
  @ApiBody({ schema: openApiSchema(extendMessageRequestSchema) })
  @ApiResponse({ status: 201, schema: message })
  @ApiResponse({ status: 409, description: 'EXTENSION_ALREADY_REQUESTED, NOT_LEAD_ORGAN' })
  askExtension(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(extendMessageRequestSchema)) body: ExtendMessageRequest,
  ): Promise<LeaderMessageResponse> {
    return this.requestExtension.execute(p, id, body);
  }

  @Post(':id/extension-review')
  @HttpCode(200)
  @Roles('leader', 'supervisor')
  @ApiOperation({ summary: '审批延期: approve (the deadline moves) or reject' })
  @ApiBody({ schema: openApiSchema(reviewExtensionRequestSchema) })
  @ApiResponse({ status: 200, schema: message })
  @ApiResponse({ status: 409, description: 'NO_PENDING_EXTENSION' })
  decideExtension(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(reviewExtensionRequestSchema)) body: ReviewExtensionRequest,
  ): Promise<LeaderMessageResponse> {
    return this.reviewExtension.execute(p, id, body);
  }

  @Post(':id/publication')
  @HttpCode(200)
  @Roles('clerk', 'supervisor')
  @ApiOperation({
    summary: '确认发布 (boards worked through their back office: paste the confirmation)',
  })
  @ApiBody({ schema: openApiSchema(confirmPublicationRequestSchema) })
  @ApiResponse({ status: 200, schema: message })
  @ApiResponse({ status: 409, description: 'BOARD_PUBLISHES_ITSELF, INVALID_MESSAGE_STATE' })
  publication(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(confirmPublicationRequestSchema)) body: ConfirmPublicationRequest,
  ): Promise<LeaderMessageResponse> {
    return this.confirmPublication.execute(p, id, body);
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
