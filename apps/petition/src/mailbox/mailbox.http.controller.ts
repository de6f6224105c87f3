import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  mailboxBrowsingListResponseSchema,
  mailboxBrowsingResponseSchema,
  mailboxFiguresQuerySchema,
  mailboxFiguresResponseSchema,
  mailboxQueueResponseSchema,
  recordMailboxBrowsingRequestSchema,
  type MailboxBrowsingListResponse,
  type MailboxBrowsingResponse,
  type MailboxFiguresQuery,
  type MailboxFiguresResponse,
  type MailboxQueueResponse,
  type RecordMailboxBrowsingRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { GetMailboxFiguresUseCase } from './get-mailbox-figures.use-case.js';
import { GetMailboxQueueUseCase } from './get-mailbox-queue.use-case.js';
import { RecordMailboxBrowsingUseCase } from './record-mailbox-browsing.use-case.js';

const NOT_FOUND = 'NOT_FOUND — nothing addressed to it yet, or outside the caller’s jurisdiction';

/**
 * 领导信箱, the team's side: the queue of matters addressed to the leader, the browsing record
 * and the leader's figures. Instructions (批示) and routing (转送/交办) are the case's own actions.
 */
@ApiTags('leader-mailboxes')
@ApiBearerAuth()
@Controller('api/v1/leader-mailboxes/:mailboxId')
export class MailboxHttpController {
  constructor(
    private readonly queue: GetMailboxQueueUseCase,
    private readonly browsing: RecordMailboxBrowsingUseCase,
    private readonly figures: GetMailboxFiguresUseCase,
  ) {}

  @Get('queue')
  @Roles('clerk', 'handler', 'supervisor', 'leader')
  @ApiOperation({ summary: '信箱待办 (the team’s queue, not yet routed first)' })
  @ApiResponse({ status: 200, schema: openApiSchema(mailboxQueueResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  getQueue(
    @CurrentPrincipal() principal: Principal,
    @Param('mailboxId') mailboxId: string,
  ): Promise<MailboxQueueResponse> {
    return this.queue.execute(principal, mailboxId);
  }

  @Post('browsing')
  @Roles('clerk', 'leader')
  @ApiOperation({ summary: '浏览记录 (the team read the mailbox)' })
  @ApiBody({ schema: openApiSchema(recordMailboxBrowsingRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(mailboxBrowsingResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  recordBrowsing(
    @CurrentPrincipal() principal: Principal,
    @Param('mailboxId') mailboxId: string,
    @Body(new ZodValidationPipe(recordMailboxBrowsingRequestSchema))
    body: RecordMailboxBrowsingRequest,
  ): Promise<MailboxBrowsingResponse> {
    return this.browsing.record(principal, mailboxId, body);
  }

  @Get('browsing')
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '浏览记录列表' })
  @ApiResponse({ status: 200, schema: openApiSchema(mailboxBrowsingListResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  listBrowsing(
    @CurrentPrincipal() principal: Principal,
    @Param('mailboxId') mailboxId: string,
  ): Promise<MailboxBrowsingListResponse> {
    return this.browsing.list(principal, mailboxId);
  }

  @Get('figures')
  @Roles('clerk', 'supervisor', 'leader', 'analyst')
  @ApiOperation({ summary: '信箱办理情况 (received, replied, replied on time)' })
  @ApiResponse({ status: 200, schema: openApiSchema(mailboxFiguresResponseSchema) })
  @ApiResponse({ status: 404, description: NOT_FOUND })
  getFigures(
    @CurrentPrincipal() principal: Principal,
    @Param('mailboxId') mailboxId: string,
    @Query(new ZodValidationPipe(mailboxFiguresQuerySchema)) query: MailboxFiguresQuery,
  ): Promise<MailboxFiguresResponse> {
    return this.figures.execute(principal, mailboxId, query);
  }
}
