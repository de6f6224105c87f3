import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  integratorClientResponseSchema,
  integratorCredentialsSchema,
  registerIntegratorClientRequestSchema,
  registeredIntegratorClientResponseSchema,
  type IntegratorClientResponse,
  type IntegratorCredentials,
  type RegisterIntegratorClientRequest,
  type RegisteredIntegratorClientResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { IntegratorClientsUseCases } from './integrator-clients.use-cases.js';

/** The system administrator's view of integrator clients (staff JWT). */
@ApiTags('integrator: administration')
@ApiBearerAuth()
@Controller('exchange/v1/admin/clients')
export class IntegratorClientsHttpController {
  constructor(private readonly clients: IntegratorClientsUseCases) {}

  @Post()
  @Roles('system-admin')
  @ApiOperation({ summary: '登记接入方 (the secret is shown once)' })
  @ApiBody({ schema: openApiSchema(registerIntegratorClientRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(registeredIntegratorClientResponseSchema) })
  register(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(registerIntegratorClientRequestSchema))
    body: RegisterIntegratorClientRequest,
  ): Promise<RegisteredIntegratorClientResponse> {
    return this.clients.register(principal, body);
  }

  @Get()
  @Roles('system-admin')
  @ApiOperation({ summary: '接入方列表' })
  @ApiResponse({ status: 200, schema: openApiSchema(integratorClientResponseSchema.array()) })
  list(): Promise<IntegratorClientResponse[]> {
    return this.clients.list();
  }

  @Post(':clientId/rotate-secret')
  @Roles('system-admin')
  @ApiOperation({ summary: '更换密钥 (the old secret stops working at once)' })
  @ApiResponse({ status: 201, schema: openApiSchema(integratorCredentialsSchema) })
  rotate(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId') clientId: string,
  ): Promise<IntegratorCredentials> {
    return this.clients.rotateSecret(principal, clientId);
  }

  @Post(':clientId/disable')
  @Roles('system-admin')
  @ApiOperation({ summary: '停用接入方' })
  @ApiResponse({ status: 201, schema: openApiSchema(integratorClientResponseSchema) })
  disable(
    @CurrentPrincipal() principal: Principal,
    @Param('clientId') clientId: string,
  ): Promise<IntegratorClientResponse> {
    return this.clients.disable(principal, clientId);
  }
}
