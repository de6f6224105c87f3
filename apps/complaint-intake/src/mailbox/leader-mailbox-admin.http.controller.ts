import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  createLeaderMailboxRequestSchema,
  leaderMailboxAdminListResponseSchema,
  leaderMailboxAdminResponseSchema,
  updateLeaderMailboxRequestSchema,
  type CreateLeaderMailboxRequest,
  type LeaderMailboxAdminListResponse,
  type LeaderMailboxAdminResponse,
  type UpdateLeaderMailboxRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { ConfigureLeaderMailboxUseCase } from './configure-leader-mailbox.use-case.js';
import { LeaderMailboxDirectory } from './leader-mailbox-directory.js';
import { toLeaderMailboxAdminResponse } from './leader-mailbox.mapper.js';

/** The system administrator's configuration of the leaders' mailboxes. */
@ApiTags('leader-mailboxes')
@ApiBearerAuth()
@Controller('api/v1/leader-mailboxes')
export class LeaderMailboxAdminHttpController {
  constructor(
    private readonly configure: ConfigureLeaderMailboxUseCase,
    private readonly directory: LeaderMailboxDirectory,
  ) {}

  @Get('configured')
  @Roles('system-admin')
  @ApiOperation({ summary: '领导信箱配置列表 (open and closed, in the jurisdiction)' })
  @ApiResponse({ status: 200, schema: openApiSchema(leaderMailboxAdminListResponseSchema) })
  async list(@CurrentPrincipal() principal: Principal): Promise<LeaderMailboxAdminListResponse> {
    const rows = await this.directory.listConfigured(principal);
    return { items: rows.map(toLeaderMailboxAdminResponse) };
  }

  @Post()
  @Roles('system-admin')
  @ApiOperation({ summary: '新增领导信箱 (configure a leader’s mailbox)' })
  @ApiBody({ schema: openApiSchema(createLeaderMailboxRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(leaderMailboxAdminResponseSchema) })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, UNKNOWN_DIVISION, MAILBOX_NOT_HERE',
  })
  @ApiResponse({ status: 409, description: 'MAILBOX_ID_TAKEN' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createLeaderMailboxRequestSchema)) body: CreateLeaderMailboxRequest,
  ): Promise<LeaderMailboxAdminResponse> {
    return this.configure.create(principal, body);
  }

  @Patch(':mailboxId')
  @Roles('system-admin')
  @ApiOperation({ summary: '修改领导信箱 (leader, team, open or closed)' })
  @ApiBody({ schema: openApiSchema(updateLeaderMailboxRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(leaderMailboxAdminResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown, or outside the jurisdiction' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('mailboxId') mailboxId: string,
    @Body(new ZodValidationPipe(updateLeaderMailboxRequestSchema)) body: UpdateLeaderMailboxRequest,
  ): Promise<LeaderMailboxAdminResponse> {
    return this.configure.update(principal, mailboxId, body);
  }
}
