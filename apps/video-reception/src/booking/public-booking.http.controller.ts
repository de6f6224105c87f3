import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  bookSlotRequestSchema,
  bookSlotResponseSchema,
  publicBookingQuerySchema,
  publicBookingResponseSchema,
  publicCancelBookingRequestSchema,
  publicRescheduleBookingRequestSchema,
  type BookSlotRequest,
  type BookSlotResponse,
  type PublicBookingResponse,
  type PublicCancelBookingRequest,
  type PublicRescheduleBookingRequest,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { BookSlotUseCase } from './book-slot.use-case.js';
import { PublicBookingUseCase } from './public-booking.use-case.js';
import { PublicRateLimiter } from './public-rate-limiter.js';

const CONFLICTS =
  'SLOT_TAKEN, RECEPTION_DAY_FULL (no waiting-list place), HALL_BUSY, PETITIONER_DOUBLE_BOOKED, ALREADY_WAITLISTED, SLOT_PASSED, RECEPTION_DAY_CANCELLED';

/** The petitioner's door: no account; name, ID number and phone identify them. */
@ApiTags('public bookings')
@Public()
@Controller('api/v1/public/bookings')
export class PublicBookingHttpController {
  constructor(
    private readonly bookSlot: BookSlotUseCase,
    private readonly bookings: PublicBookingUseCase,
    private readonly rateLimiter: PublicRateLimiter,
  ) {}

  @Post()
  @ApiOperation({ summary: '预约视频接访 (book a slot, or a waiting-list place)' })
  @ApiBody({ schema: openApiSchema(bookSlotRequestSchema) })
  @ApiResponse({
    status: 201,
    description: 'The booking code and the query code (shown once)',
    schema: openApiSchema(bookSlotResponseSchema),
  })
  @ApiResponse({
    status: 400,
    description:
      'VALIDATION_FAILED, INVALID_ID_NUMBER, UNKNOWN_SLOT, HALL_NOT_CONNECTED, KIND_NOT_ACCEPTED',
  })
  @ApiResponse({ status: 409, description: CONFLICTS })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS' })
  async book(
    @Ip() ip: string,
    @Body(new ZodValidationPipe(bookSlotRequestSchema)) body: BookSlotRequest,
  ): Promise<BookSlotResponse> {
    await this.rateLimiter.consume(ip);
    return this.bookSlot.execute(body, { channel: 'online' });
  }

  @Get(':bookingCode')
  @ApiOperation({ summary: '查询预约 (a booking by its code and query code)' })
  @ApiResponse({ status: 200, schema: openApiSchema(publicBookingResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown code or wrong query code' })
  async status(
    @Ip() ip: string,
    @Param('bookingCode') bookingCode: string,
    @Query(new ZodValidationPipe(publicBookingQuerySchema)) query: { queryCode: string },
  ): Promise<PublicBookingResponse> {
    await this.rateLimiter.consume(ip);
    return this.bookings.status(bookingCode, query.queryCode);
  }

  @Post(':bookingCode/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消预约 (cancel, with a reason)' })
  @ApiBody({ schema: openApiSchema(publicCancelBookingRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(publicBookingResponseSchema) })
  @ApiResponse({ status: 409, description: 'INVALID_BOOKING_STATE' })
  async cancel(
    @Ip() ip: string,
    @Param('bookingCode') bookingCode: string,
    @Body(new ZodValidationPipe(publicCancelBookingRequestSchema)) body: PublicCancelBookingRequest,
  ): Promise<PublicBookingResponse> {
    await this.rateLimiter.consume(ip);
    return this.bookings.cancel(bookingCode, body);
  }

  @Post(':bookingCode/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: '改约 (move to another slot, with a reason)' })
  @ApiBody({ schema: openApiSchema(publicRescheduleBookingRequestSchema) })
  @ApiResponse({ status: 200, schema: openApiSchema(publicBookingResponseSchema) })
  @ApiResponse({ status: 409, description: `${CONFLICTS}, INVALID_BOOKING_STATE` })
  async reschedule(
    @Ip() ip: string,
    @Param('bookingCode') bookingCode: string,
    @Body(new ZodValidationPipe(publicRescheduleBookingRequestSchema))
    body: PublicRescheduleBookingRequest,
  ): Promise<PublicBookingResponse> {
    await this.rateLimiter.consume(ip);
    return this.bookings.move(bookingCode, body);
  }
}
