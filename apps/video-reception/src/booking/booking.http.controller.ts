import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  bookSlotRequestSchema,
  bookSlotResponseSchema,
  bookingResponseSchema,
  cancelBookingRequestSchema,
  rescheduleBookingRequestSchema,
  reviewBookingRequestSchema,
  type BookSlotRequest,
  type BookSlotResponse,
  type BookingResponse,
  type CancelBookingRequest,
  type RescheduleBookingRequest,
  type ReviewBookingRequest,
} from '@minsheng/contracts';
import { CurrentPrincipal, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { CancelBookingUseCase } from './cancel-booking.use-case.js';
import { GetBookingUseCase } from './get-booking.use-case.js';
import { RescheduleBookingUseCase } from './reschedule-booking.use-case.js';
import { ReviewBookingUseCase } from './review-booking.use-case.js';
import { WalkInBookingUseCase } from './walk-in-booking.use-case.js';

const OUT_OF_SCOPE = 'NOT_FOUND — unknown, or outside the caller’s jurisdiction';
const CONFLICTS =
  'SLOT_TAKEN, RECEPTION_DAY_FULL, HALL_BUSY, PETITIONER_DOUBLE_BOOKED, INVALID_BOOKING_STATE';

@ApiTags('bookings')
@ApiBearerAuth()
@Controller('api/v1/bookings')
export class BookingHttpController {
  constructor(
    private readonly walkIn: WalkInBookingUseCase,
    private readonly getBooking: GetBookingUseCase,
    private readonly reviewBooking: ReviewBookingUseCase,
    private readonly cancelBooking: CancelBookingUseCase,
    private readonly rescheduleBooking: RescheduleBookingUseCase,
  ) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({ summary: '现场预约 (a clerk books for a walk-in at a hall of their county)' })
  @ApiBody({ schema: openApiSchema(bookSlotRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(bookSlotResponseSchema) })
  @ApiResponse({ status: 403, description: 'FORBIDDEN — a hall outside the clerk’s jurisdiction' })
  @ApiResponse({ status: 409, description: CONFLICTS })
  book(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(bookSlotRequestSchema)) body: BookSlotRequest,
  ): Promise<BookSlotResponse> {
    return this.walkIn.execute(principal, body);
  }

  @Get(':id')
  @Roles('clerk', 'supervisor', 'leader')
  @ApiOperation({ summary: '预约详情 (a booking; personal data masked)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, schema: openApiSchema(bookingResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  find(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<BookingResponse> {
    return this.getBooking.execute(principal, id);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '审查分流 (approve, redirect or decline a booking)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(reviewBookingRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(bookingResponseSchema) })
  @ApiResponse({ status: 403, description: 'FORBIDDEN — not the leader’s office' })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'INVALID_BOOKING_STATE, HALL_BUSY' })
  review(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(reviewBookingRequestSchema)) body: ReviewBookingRequest,
  ): Promise<BookingResponse> {
    return this.reviewBooking.execute(principal, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '取消预约 (cancel with a reason; the waiting list moves up)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(cancelBookingRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(bookingResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: 'INVALID_BOOKING_STATE' })
  cancel(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(cancelBookingRequestSchema)) body: CancelBookingRequest,
  ): Promise<BookingResponse> {
    return this.cancelBooking.execute(principal, id, body);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('clerk', 'supervisor')
  @ApiOperation({ summary: '改期 (move to another slot, with a reason)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ schema: openApiSchema(rescheduleBookingRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(bookingResponseSchema) })
  @ApiResponse({ status: 404, description: OUT_OF_SCOPE })
  @ApiResponse({ status: 409, description: CONFLICTS })
  reschedule(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(rescheduleBookingRequestSchema)) body: RescheduleBookingRequest,
  ): Promise<BookingResponse> {
    return this.rescheduleBooking.execute(principal, id, body);
  }
}
