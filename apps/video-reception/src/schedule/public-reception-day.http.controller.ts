import { Controller, Get, Ip, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  listReceptionDaysQuerySchema,
  receptionDayListResponseSchema,
  type ListReceptionDaysQuery,
  type ReceptionDayListResponse,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { PublicRateLimiter } from '../booking/public-rate-limiter.js';
import { ListPublicReceptionDaysUseCase } from './list-public-reception-days.use-case.js';

@ApiTags('public bookings')
@Public()
@Controller('api/v1/public/reception-days')
export class PublicReceptionDayHttpController {
  constructor(
    private readonly listDays: ListPublicReceptionDaysUseCase,
    private readonly rateLimiter: PublicRateLimiter,
  ) {}

  @Get()
  @ApiOperation({
    summary: '可预约的接访日 (open reception days reachable from a division, with slots)',
  })
  @ApiResponse({ status: 200, schema: openApiSchema(receptionDayListResponseSchema) })
  async list(
    @Ip() ip: string,
    @Query(new ZodValidationPipe(listReceptionDaysQuerySchema)) query: ListReceptionDaysQuery,
  ): Promise<ReceptionDayListResponse> {
    await this.rateLimiter.consume(ip);
    return this.listDays.execute(query);
  }
}
