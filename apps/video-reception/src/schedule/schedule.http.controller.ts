import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  addScheduleExceptionRequestSchema,
  publishScheduleRequestSchema,
  scheduleResponseSchema,
  type AddScheduleExceptionRequest,
  type PublishScheduleRequest,
  type ScheduleResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { AddScheduleExceptionUseCase } from './add-schedule-exception.use-case.js';
import { GetScheduleUseCase } from './get-schedule.use-case.js';
import { PublishScheduleUseCase } from './publish-schedule.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';

@ApiTags('reception schedules')
@ApiBearerAuth()
@Roles('leader', 'clerk', 'supervisor')
@Controller('api/v1/reception-schedules')
export class ScheduleHttpController {
  constructor(
    private readonly publishSchedule: PublishScheduleUseCase,
    private readonly getSchedule: GetScheduleUseCase,
    private readonly addException: AddScheduleExceptionUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: '发布接访日 (publish a leader’s reception days, one-off or recurring)' })
  @ApiBody({ schema: openApiSchema(publishScheduleRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(scheduleResponseSchema) })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED, INVALID_RECURRENCE, INVALID_WINDOW, UNKNOWN_HALL, NO_RECEPTION_DAYS',
  })
  @ApiResponse({
    status: 403,
    description:
      'FORBIDDEN — an office outside the caller’s jurisdiction, or another leader’s days',
  })
  publish(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(publishScheduleRequestSchema)) body: PublishScheduleRequest,
  ): Promise<ScheduleResponse> {
    return this.publishSchedule.execute(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: '接访安排 (a schedule and its reception days)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(scheduleResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<ScheduleResponse> {
    return this.getSchedule.execute(principal, id);
  }

  @Post(':id/exceptions')
  @ApiOperation({ summary: '调整接访日 (skip a day — its bookings are cancelled — or add one)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(addScheduleExceptionRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(scheduleResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'RECEPTION_DAY_EXISTS' })
  addScheduleException(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(addScheduleExceptionRequestSchema))
    body: AddScheduleExceptionRequest,
  ): Promise<ScheduleResponse> {
    return this.addException.execute(principal, id, body);
  }
}
