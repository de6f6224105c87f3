import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ROLES,
  loginRequestSchema,
  refreshSessionRequestSchema,
  sessionTokensResponseSchema,
  staffSessionListResponseSchema,
  type LoginRequest,
  type RefreshSessionRequest,
  type SessionTokensResponse,
  type StaffSessionListResponse,
} from '@minsheng/contracts';
import { Public, Roles } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CurrentClient, type ClientInfo } from './client-info.js';
import { ListOwnSessionsUseCase } from './list-own-sessions.use-case.js';
import { LoginUseCase } from './login.use-case.js';
import { LogoutUseCase } from './logout.use-case.js';
import { RefreshSessionUseCase } from './refresh-session.use-case.js';
import { RevokeOwnSessionUseCase } from './revoke-own-session.use-case.js';

/** Staff login (password + TOTP), token refresh, logout and the caller's own sessions. */
@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthHttpController {
  constructor(
    private readonly login: LoginUseCase,
    private readonly refresh: RefreshSessionUseCase,
    private readonly logout: LogoutUseCase,
    private readonly listSessions: ListOwnSessionsUseCase,
    private readonly revokeSession: RevokeOwnSessionUseCase,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员登录：密码 + 动态口令 (staff login with two factors)' })
  @ApiBody({ schema: openApiSchema(loginRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(sessionTokensResponseSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, MALFORMED_JSON' })
  @ApiResponse({
    status: 401,
    description: 'INVALID_CREDENTIALS — wrong username, password or TOTP code (one answer)',
  })
  @ApiResponse({ status: 423, description: 'ACCOUNT_LOCKED — too many consecutive failures' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS — too many attempts from this IP' })
  signIn(
    @Body(new ZodValidationPipe(loginRequestSchema)) body: LoginRequest,
    @CurrentClient() client: ClientInfo,
  ): Promise<SessionTokensResponse> {
    return this.login.execute(body, client);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '刷新访问令牌 (rotate the refresh token, new access token)' })
  @ApiBody({ schema: openApiSchema(refreshSessionRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(sessionTokensResponseSchema) })
  @ApiResponse({
    status: 401,
    description:
      'SESSION_REVOKED (logged out, revoked, or an old refresh token reused), SESSION_EXPIRED (idle or absolute timeout), INVALID_REFRESH_TOKEN',
  })
  refreshSession(
    @Body(new ZodValidationPipe(refreshSessionRequestSchema)) body: RefreshSessionRequest,
  ): Promise<SessionTokensResponse> {
    return this.refresh.execute(body.refreshToken);
  }

  @Post('logout')
  @Roles(...ROLES)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '退出登录 (end the caller’s session)' })
  @ApiResponse({ status: 204 })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED' })
  signOut(@Headers('authorization') authorization: string | undefined): Promise<void> {
    return this.logout.execute(authorization);
  }

  @Get('sessions')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOperation({ summary: '我的在线会话 (the caller’s open sessions)' })
  @ApiResponse({ status: 200, schema: openApiSchema(staffSessionListResponseSchema) })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED, SESSION_REVOKED, SESSION_EXPIRED' })
  sessions(
    @Headers('authorization') authorization: string | undefined,
  ): Promise<StaffSessionListResponse> {
    return this.listSessions.execute(authorization);
  }

  @Delete('sessions/:id')
  @Roles(...ROLES)
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: '注销我的某个会话 (end one of the caller’s sessions)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 204 })
  @ApiResponse({ status: 401, description: 'UNAUTHENTICATED, SESSION_REVOKED, SESSION_EXPIRED' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — not one of the caller’s open sessions' })
  endSession(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') id: string,
  ): Promise<void> {
    return this.revokeSession.execute(authorization, id);
  }
}
