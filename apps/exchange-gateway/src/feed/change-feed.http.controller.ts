import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  changeFeedQuerySchema,
  changeFeedResponseSchema,
  type ChangeFeedQuery,
  type ChangeFeedResponse,
} from '@minsheng/contracts';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import type { IntegratorCaller } from '../integrator/integrator-client.js';
import { CurrentCaller, IntegratorEndpoint } from '../integrator/integrator-endpoint.decorator.js';
import { ChangeFeedQueryHandler } from './change-feed.query.js';

@ApiTags('integrator: change feed')
@Controller('exchange/v1/changes')
export class ChangeFeedHttpController {
  constructor(private readonly feed: ChangeFeedQueryHandler) {}

  @Get()
  @IntegratorEndpoint('changes:read')
  @ApiOperation({ summary: '变更流 (changes since a cursor, no personal data)' })
  @ApiResponse({ status: 200, schema: openApiSchema(changeFeedResponseSchema) })
  @ApiResponse({ status: 400, description: 'INVALID_CURSOR | VALIDATION_FAILED' })
  changes(
    @CurrentCaller() caller: IntegratorCaller,
    @Query(new ZodValidationPipe(changeFeedQuerySchema)) query: ChangeFeedQuery,
  ): Promise<ChangeFeedResponse> {
    return this.feed.execute(caller, query);
  }
}
