import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  createStaffAccountRequestSchema,
  createStaffAccountResponseSchema,
  listStaffAccountsQuerySchema,
  revokeSessionsResponseSchema,
  staffAccountListResponseSchema,
  staffAccountResponseSchema,
  totpProvisioningResponseSchema,
  updateStaffAccountRequestSchema,
  type CreateStaffAccountRequest,
  type CreateStaffAccountResponse,
  type ListStaffAccountsQuery,
  type RevokeSessionsResponse,
  type StaffAccountListResponse,
  type StaffAccountResponse,
  type TotpProvisioningResponse,
  type UpdateStaffAccountRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CreateStaffAccountUseCase } from './create-staff-account.use-case.js';
import { GetStaffAccountUseCase } from './get-staff-account.use-case.js';
import { ListStaffAccountsUseCase } from './list-staff-accounts.use-case.js';
import { ResetStaffTotpUseCase } from './reset-staff-totp.use-case.js';
import { RevokeAccountSessionsUseCase } from './revoke-account-sessions.use-case.js';
import { UpdateStaffAccountUseCase } from './update-staff-account.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the administrator’s jurisdiction';
const NOT_SECURITY_ADMIN =
  'FORBIDDEN — only the security administrator (安全管理员) manages accounts';
const OWN_ACCOUNT = 'FORBIDDEN — administrators cannot change their own account';

/** Staff account administration: the security administrator's job alone (三员分立). */
@ApiTags('accounts')
@ApiBearerAuth()
@Roles('security-admin')
@Controller('api/v1/accounts')
export class AccountHttpController {
  constructor(
    private readonly createAccount: CreateStaffAccountUseCase,
    private readonly listAccounts: ListStaffAccountsUseCase,
    private readonly getAccount: GetStaffAccountUseCase,
    private readonly updateAccount: UpdateStaffAccountUseCase,
    private readonly resetTotp: ResetStaffTotpUseCase,
    private readonly revokeSessions: RevokeAccountSessionsUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: '创建工作人员账号 (create a staff account)' })
  @ApiBody({ schema: openApiSchema(createStaffAccountRequestSchema) })
  @ApiResponse({
    status: 201,
    description: 'The account and its one-time TOTP provisioning URI (never returned again)',
    schema: openApiSchema(createStaffAccountResponseSchema),
  })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, UNKNOWN_DIVISION, ROLE_CONFLICT, WEAK_PASSWORD',
  })
  @ApiResponse({ status: 403, description: `${NOT_SECURITY_ADMIN}, or a division outside it` })
  @ApiResponse({ status: 409, description: 'USERNAME_TAKEN' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createStaffAccountRequestSchema)) body: CreateStaffAccountRequest,
  ): Promise<CreateStaffAccountResponse> {
    return this.createAccount.execute(body, principal);
  }

  @Get()
  @ApiOperation({ summary: '账号列表 (accounts in the administrator’s jurisdiction)' })
  @ApiResponse({ status: 200, schema: openApiSchema(staffAccountListResponseSchema) })
  @ApiResponse({ status: 403, description: NOT_SECURITY_ADMIN })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listStaffAccountsQuerySchema)) query: ListStaffAccountsQuery,
  ): Promise<StaffAccountListResponse> {
    return this.listAccounts.execute(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '账号详情 (one account)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(staffAccountResponseSchema) })
  @ApiResponse({ status: 403, description: NOT_SECURITY_ADMIN })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<StaffAccountResponse> {
    return this.getAccount.execute(principal, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改账号角色、状态或姓名 (change roles, status, display name)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(updateStaffAccountRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(staffAccountResponseSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, ROLE_CONFLICT' })
  @ApiResponse({ status: 403, description: `${NOT_SECURITY_ADMIN}; ${OWN_ACCOUNT}` })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(updateStaffAccountRequestSchema)) body: UpdateStaffAccountRequest,
  ): Promise<StaffAccountResponse> {
    return this.updateAccount.execute(principal, id, body);
  }

  @Post(':id/reset-totp')
  @ApiOperation({ summary: '重置动态口令 (new TOTP secret; the URI is shown once)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 201, schema: openApiSchema(totpProvisioningResponseSchema) })
  @ApiResponse({ status: 403, description: `${NOT_SECURITY_ADMIN}; ${OWN_ACCOUNT}` })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  resetTotpSecret(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<TotpProvisioningResponse> {
    return this.resetTotp.execute(principal, id);
  }

  @Delete(':id/sessions')
  @ApiOperation({ summary: '注销该账号的全部会话 (revoke all of an account’s sessions)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(revokeSessionsResponseSchema) })
  @ApiResponse({ status: 403, description: `${NOT_SECURITY_ADMIN}; ${OWN_ACCOUNT}` })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  revokeAllSessions(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<RevokeSessionsResponse> {
    return this.revokeSessions.execute(principal, id);
  }
}
