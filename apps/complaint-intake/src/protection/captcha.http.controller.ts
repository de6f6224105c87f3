import { Controller, Get, Header, Ip, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { captchaResponseSchema, type CaptchaResponse } from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { Captcha } from './captcha.js';
import { clientAddressKey } from './client-address.js';
import { RetryAfterFilter } from './retry-after.filter.js';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter.js';

@ApiTags('captcha')
@Public()
@UseFilters(RetryAfterFilter)
@Controller('api/v1/captcha')
export class CaptchaHttpController {
  constructor(
    private readonly captcha: Captcha,
    private readonly rateLimiter: SlidingWindowRateLimiter,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: '图形验证码 (a captcha for the submission form; answer it once)' })
  @ApiResponse({ status: 200, schema: openApiSchema(captchaResponseSchema) })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS, with Retry-After' })
  async issue(@Ip() ip: string): Promise<CaptchaResponse> {
    await this.rateLimiter.lookup(clientAddressKey(ip));
    return this.captcha.issue();
  }
}
