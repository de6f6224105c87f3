import { Body, Controller, Delete, Get, Header, Ip, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  calendarSubscriptionListResponseSchema,
  calendarSubscriptionResponseSchema,
  createCalendarSubscriptionRequestSchema,
  createdCalendarSubscriptionResponseSchema,
  type CalendarSubscriptionListResponse,
  type CalendarSubscriptionResponse,
  type CreateCalendarSubscriptionRequest,
  type CreatedCalendarSubscriptionResponse,
} from '@minsheng/contracts';
import { CurrentPrincipal, Public, Roles, type Principal } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { PublicRateLimiter } from '../booking/public-rate-limiter.js';
import { CalendarSubscriptionsUseCase } from './calendar-subscriptions.use-case.js';

/** Staff manage their own subscription URLs for the leader and hall calendars. */
@ApiTags('calendars')
@ApiBearerAuth()
@Roles('clerk', 'supervisor', 'leader')
@Controller('api/v1/calendar-subscriptions')
export class CalendarSubscriptionHttpController {
  constructor(private readonly subscriptions: CalendarSubscriptionsUseCase) {}

  @Post()
  @ApiOperation({ summary: '创建日历订阅链接 (a subscription URL for a calendar client)' })
  @ApiBody({ schema: openApiSchema(createCalendarSubscriptionRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(createdCalendarSubscriptionResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — a feed the caller may not read' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createCalendarSubscriptionRequestSchema))
    body: CreateCalendarSubscriptionRequest,
  ): Promise<CreatedCalendarSubscriptionResponse> {
    return this.subscriptions.create(principal, body);
  }

  @Get()
  @ApiOperation({ summary: '我的日历订阅 (the caller’s subscriptions; URLs are not shown again)' })
  @ApiResponse({ status: 200, schema: openApiSchema(calendarSubscriptionListResponseSchema) })
  list(@CurrentPrincipal() principal: Principal): Promise<CalendarSubscriptionListResponse> {
    return this.subscriptions.list(principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: '撤销日历订阅 (revoke: the URL stops working at once)' })
  @ApiResponse({ status: 200, schema: openApiSchema(calendarSubscriptionResponseSchema) })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — not one of the caller’s' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<CalendarSubscriptionResponse> {
    return this.subscriptions.revoke(principal, id);
  }
}

/** What a calendar client fetches: the secret in the path is the credential. */
@ApiTags('calendars')
@Public()
@Controller('api/v1/public/calendar-subscriptions')
export class PublicCalendarSubscriptionHttpController {
  constructor(
    private readonly subscriptions: CalendarSubscriptionsUseCase,
    private readonly rateLimiter: PublicRateLimiter,
  ) {}

  @Get(':token/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, no-store')
  @ApiOperation({ summary: '订阅的日历 (the subscribed feed, .ics)' })
  @ApiProduces('text/calendar')
  @ApiResponse({ status: 200, description: 'RFC 5545 iCalendar' })
  @ApiResponse({ status: 404, description: 'NOT_FOUND — unknown, expired or revoked' })
  async read(@Ip() ip: string, @Param('token') token: string): Promise<string> {
    await this.rateLimiter.consume(ip);
    return this.subscriptions.read(token);
  }
}
