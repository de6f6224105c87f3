import { Body, Controller, HttpCode, Ip, Param, Post, UseFilters } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  afterReplyResponseSchema,
  rateComplaintRequestSchema,
  requestReviewRequestSchema,
  type AfterReplyResponse,
  type RateComplaintRequest,
  type RequestReviewRequest,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { ZodValidationPipe, openApiSchema } from '@minsheng/runtime';
import { clientAddressKey } from '../protection/client-address.js';
import { RetryAfterFilter } from '../protection/retry-after.filter.js';
import { SlidingWindowRateLimiter } from '../protection/sliding-window-rate-limiter.js';
import { RateComplaintUseCase } from './rate-complaint.use-case.js';
import { RequestReviewUseCase } from './request-review.use-case.js';

/** What the petitioner may do once replied to; the query code proves who they are. */
@ApiTags('complaints')
@Public()
@UseFilters(RetryAfterFilter)
@Controller('api/v1/complaints')
export class AfterReplyHttpController {
  constructor(
    private readonly rate: RateComplaintUseCase,
    private readonly requestReview: RequestReviewUseCase,
    private readonly rateLimiter: SlidingWindowRateLimiter,
  ) {}

  @Post(':trackingCode/rating')
  @HttpCode(201)
  @ApiOperation({ summary: '满意度评价 (rate the office and the responsible organ, once)' })
  @ApiParam({ name: 'trackingCode' })
  @ApiBody({ schema: openApiSchema(rateComplaintRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(afterReplyResponseSchema) })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown tracking code or wrong query code',
  })
  @ApiResponse({ status: 409, description: 'NOT_REPLIED, WINDOW_CLOSED, ALREADY_RATED' })
  async rating(
    @Param('trackingCode') trackingCode: string,
    @Body(new ZodValidationPipe(rateComplaintRequestSchema)) body: RateComplaintRequest,
    @Ip() ip: string,
  ): Promise<AfterReplyResponse> {
    await this.rateLimiter.lookup(clientAddressKey(ip));
    return this.rate.execute(trackingCode, body, ip);
  }

  @Post(':trackingCode/review-request')
  @HttpCode(201)
  @ApiOperation({ summary: '申请复查 (ask for review, within 30 days of the reply)' })
  @ApiParam({ name: 'trackingCode' })
  @ApiBody({ schema: openApiSchema(requestReviewRequestSchema) })
  @ApiResponse({ status: 201, schema: openApiSchema(afterReplyResponseSchema) })
  @ApiResponse({
    status: 404,
    description: 'NOT_FOUND — unknown tracking code or wrong query code',
  })
  @ApiResponse({ status: 409, description: 'NOT_REPLIED, WINDOW_CLOSED, REVIEW_ALREADY_REQUESTED' })
  async reviewRequest(
    @Param('trackingCode') trackingCode: string,
    @Body(new ZodValidationPipe(requestReviewRequestSchema)) body: RequestReviewRequest,
    @Ip() ip: string,
  ): Promise<AfterReplyResponse> {
    await this.rateLimiter.lookup(clientAddressKey(ip));
    return this.requestReview.execute(trackingCode, body, ip);
  }
}
