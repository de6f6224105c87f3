import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  createOrganRequestSchema,
  deactivateOrganRequestSchema,
  listOrgansQuerySchema,
  moveOrganRequestSchema,
  organListResponseSchema,
  organResponseSchema,
  renameOrganRequestSchema,
  type CreateOrganRequest,
  type DeactivateOrganRequest,
  type ListOrgansQuery,
  type MoveOrganRequest,
  type OrganListResponse,
  type OrganResponse,
  type RenameOrganRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CreateOrganUseCase } from './create-organ.use-case.js';
import { DeactivateOrganUseCase } from './deactivate-organ.use-case.js';
import { GetOrganUseCase } from './get-organ.use-case.js';
import { ListOrgansUseCase } from './list-organs.use-case.js';
import { MoveOrganUseCase } from './move-organ.use-case.js';
import { RenameOrganUseCase } from './rename-organ.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

/** Responsible organs (责任单位): read by staff, managed by the system administrator alone. */
@ApiTags('organs')
@ApiBearerAuth()
@Controller('api/v1/organs')
export class OrganHttpController {
  constructor(
    private readonly listOrgans: ListOrgansUseCase,
    private readonly getOrgan: GetOrganUseCase,
    private readonly createOrgan: CreateOrganUseCase,
    private readonly renameOrgan: RenameOrganUseCase,
    private readonly moveOrgan: MoveOrganUseCase,
    private readonly deactivateOrgan: DeactivateOrganUseCase,
  ) {}

  @Get()
  @Roles('clerk', 'handler', 'supervisor', 'leader', 'analyst', 'system-admin')
  @ApiOperation({ summary: '责任单位 (organs of the jurisdiction and above it)' })
  @ApiResponse({ status: 200, schema: openApiSchema(organListResponseSchema) })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodValidationPipe(listOrgansQuerySchema)) query: ListOrgansQuery,
  ): Promise<OrganListResponse> {
    return this.listOrgans.execute(principal, query);
  }

  @Get(':organId')
  @Roles('clerk', 'handler', 'supervisor', 'leader', 'analyst', 'system-admin')
  @ApiOperation({ summary: '单位详情 (one organ)' })
  @ApiResponse({ status: 200, schema: openApiSchema(organResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('organId') organId: string,
  ): Promise<OrganResponse> {
    return this.getOrgan.execute(principal, organId);
  }

  @Post()
  @Roles('system-admin')
  @ApiOperation({ summary: '新增单位 (add an organ)' })
  @ApiBody({ schema: openApiSchema(createOrganRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(organResponseSchema) })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED, UNKNOWN_DIVISION, INVALID_ORGAN_PARENT',
  })
  @ApiResponse({
    status: 403,
    description: 'FORBIDDEN, NOT_PERMITTED (division outside the jurisdiction)',
  })
  @ApiResponse({ status: 409, description: 'ORGAN_ID_TAKEN' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createOrganRequestSchema)) body: CreateOrganRequest,
  ): Promise<OrganResponse> {
    return this.createOrgan.execute(principal, body);
  }

  @Post(':organId/rename')
  @HttpCode(200)
  @Roles('system-admin')
  @ApiOperation({ summary: '更名 (rename an organ)' })
  @ApiBody({ schema: openApiSchema(renameOrganRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(organResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  rename(
    @CurrentPrincipal() principal: Principal,
    @Param('organId') organId: string,
    @Body(new ZodValidationPipe(renameOrganRequestSchema)) body: RenameOrganRequest,
  ): Promise<OrganResponse> {
    return this.renameOrgan.execute(principal, organId, body);
  }

  @Post(':organId/move')
  @HttpCode(200)
  @Roles('system-admin')
  @ApiOperation({ summary: '调整上级单位 (move an organ in the tree)' })
  @ApiBody({ schema: openApiSchema(moveOrganRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(organResponseSchema) })
  @ApiResponse({ status: 400, description: 'INVALID_ORGAN_PARENT' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  move(
    @CurrentPrincipal() principal: Principal,
    @Param('organId') organId: string,
    @Body(new ZodValidationPipe(moveOrganRequestSchema)) body: MoveOrganRequest,
  ): Promise<OrganResponse> {
    return this.moveOrgan.execute(principal, organId, body);
  }

  @Post(':organId/deactivate')
  @HttpCode(200)
  @Roles('system-admin')
  @ApiOperation({ summary: '停用单位 (take an organ out of use)' })
  @ApiBody({ schema: openApiSchema(deactivateOrganRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(organResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'ORGAN_HAS_ACTIVE_CHILDREN' })
  deactivate(
    @CurrentPrincipal() principal: Principal,
    @Param('organId') organId: string,
    @Body(new ZodValidationPipe(deactivateOrganRequestSchema)) body: DeactivateOrganRequest,
  ): Promise<OrganResponse> {
    return this.deactivateOrgan.execute(principal, organId, body);
  }
}
