import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ErrorCodes } from '@minsheng/contracts';
import { REDIS } from '@minsheng/runtime';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';

/**
 * Requests to the public booking API per client address and minute, counted in Redis so every
 * replica shares the allowance. Booking codes and query codes are long enough that guessing
 * is hopeless anyway; this keeps one address from booking up a day's slots in bulk.
 */
@Injectable()
export class PublicRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {}

  async consume(ip: string): Promise<void> {
    const key = `${this.config.redisPrefix}:public-rate:${ip}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 60, 'NX').exec()) as [
      [Error | null, number],
      unknown,
    ];
    if (count > this.config.PUBLIC_RATE_LIMIT_PER_MINUTE) {
      throw new HttpException(
        { code: ErrorCodes.tooManyRequests, message: '操作过于频繁，请稍后再试' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
