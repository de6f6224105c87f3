import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  integratorStatisticsQuerySchema,
  integratorStatisticsResponseSchema,
  type IntegratorStatisticsQuery,
  type IntegratorStatisticsResponse,
} from '@minsheng/contracts';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { AggregatedStatisticsQuery } from './aggregated-statistics.query.js';
import type { IntegratorCaller } from './integrator-client.js';
import { CurrentCaller, IntegratorEndpoint } from './integrator-endpoint.decorator.js';

@ApiTags('integrator: statistics')
@Controller('exchange/v1/statistics')
export class IntegratorStatisticsHttpController {
  constructor(private readonly statistics: AggregatedStatisticsQuery) {}

  @Get()
  @IntegratorEndpoint('statistics:read')
  @ApiOperation({
    summary: '统计数据 (aggregated figures of an allowed division and its child divisions)',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(integratorStatisticsResponseSchema) })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED | UNKNOWN_DIVISION' })
  @ApiResponse({ status: 403, description: 'INTEGRATOR_DIVISION_NOT_ALLOWED' })
  figures(
    @CurrentCaller() caller: IntegratorCaller,
    @Query(new ZodValidationPipe(integratorStatisticsQuerySchema)) query: IntegratorStatisticsQuery,
  ): Promise<IntegratorStatisticsResponse> {
    return this.statistics.execute(caller, query);
  }
}
