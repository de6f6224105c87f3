import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { bookingListResponseSchema, type BookingListResponse } from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { ListDayBookingsUseCase } from './list-day-bookings.use-case.js';

@ApiTags('reception days')
@ApiBearerAuth()
@Controller('api/v1/reception-days')
export class ReceptionDayHttpController {
  constructor(private readonly listBookings: ListDayBookingsUseCase) {}

  @Get(':id/bookings')
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '接访日的预约 (a reception day’s bookings the caller may see)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(bookingListResponseSchema) })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown, or outside the caller’s jurisdiction',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<BookingListResponse> {
    return this.listBookings.execute(principal, id);
  }
}
