import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  createHallRequestSchema,
  hallListResponseSchema,
  hallResponseSchema,
  type CreateHallRequest,
  type HallListResponse,
  type HallResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CreateHallUseCase } from './create-hall.use-case.js';
import { ListHallsUseCase } from './list-halls.use-case.js';

@ApiTags('halls')
@ApiBearerAuth()
@Controller('api/v1/halls')
export class HallHttpController {
  constructor(
    private readonly createHall: CreateHallUseCase,
    private readonly listHalls: ListHallsUseCase,
  ) {}

  @Post()
  @Roles('supervisor', 'system-admin')
  @ApiOperation({ summary: '设立接访厅 (register a reception hall)' })
  @ApiBody({ schema: openApiSchema(createHallRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(hallResponseSchema) })
  @ApiResponse({
    status: 403,
    description: 'FORBIDDEN — a division outside the caller’s jurisdiction',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createHallRequestSchema)) body: CreateHallRequest,
  ): Promise<HallResponse> {
    return this.createHall.execute(principal, body);
  }

  @Get()
  @Roles('clerk', 'supervisor', 'leader', 'system-admin')
  @ApiOperation({ summary: '接访厅列表 (halls in the caller’s jurisdiction)' })
  @ApiResponse({ status: 200, schema: openApiSchema(hallListResponseSchema) })
  list(@CurrentPrincipal() principal: Principal): Promise<HallListResponse> {
    return this.listHalls.execute(principal);
  }
}
