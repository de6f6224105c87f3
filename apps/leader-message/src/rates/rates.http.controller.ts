import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { onTimeRatesResponseSchema, type OnTimeRatesResponse } from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { OnTimeRatesUseCase } from './on-time-rates.use-case.js';

@ApiTags('leader message rates')
@ApiBearerAuth()
@Controller('api/v1/leader-message-rates')
export class RatesHttpController {
  constructor(private readonly rates: OnTimeRatesUseCase) {}

  @Get()
  @Roles('leader', 'supervisor', 'analyst')
  @ApiOperation({ summary: '按期认领率、按期答复率与星级评价 (per leader and organ)' })
  @ApiResponse({ status: 200, schema: openApiSchema(onTimeRatesResponseSchema) })
  find(
    @CurrentPrincipal() principal: Principal,
    @Query('leaderId') leaderId?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<OnTimeRatesResponse> {
    const valid = (v?: string) => (v && !Number.isNaN(Date.parse(v)) ? v : undefined);
    return this.rates.execute(principal, { leaderId, from: valid(from), to: valid(to) });
  }
}
