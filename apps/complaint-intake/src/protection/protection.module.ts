import { Module } from '@nestjs/common';
import { Captcha } from './captcha.js';
import { CaptchaHttpController } from './captcha.http.controller.js';
import { Idempotency } from './idempotency.js';
import { SlidingWindowRateLimiter } from './sliding-window-rate-limiter.js';

/** Abuse protection for the public door: rate limits, captcha, idempotent retries. */
@Module({
  controllers: [CaptchaHttpController],
  providers: [SlidingWindowRateLimiter, Captcha, Idempotency],
  exports: [SlidingWindowRateLimiter, Captcha, Idempotency],
})
export class ProtectionModule {}
