import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { ErrorCodes } from '@minsheng/contracts';
import { REDIS } from '@minsheng/runtime';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { RetryAfterException } from './retry-after.exception.js';

/**
 * Sliding-window log: one sorted set per key, scored by Redis' own clock (so replicas with
 * drifting clocks agree). Entries older than the window fall out; a request is admitted while
 * fewer than `limit` remain. Refused requests are not recorded, so hammering does not extend the
 * wait. Returns [admitted, milliseconds until the oldest entry leaves the window].
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
`;

interface WithSlidingWindow {
  intakeSlidingWindow(
    key: string,
    windowMs: number,
    limit: number,
    member: string,
  ): Promise<[number, number]>;
}

export interface RateLimit {
  /** Names the limit in the key, e.g. `submit-ip`. */
  name: string;
  /** Who is counted: a client address, or a keyed hash — never a plain ID number. */
  subject: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Rate limits shared by every replica through Redis. rate-limiter-flexible was the library to
 * prefer, but its Redis limiter counts in fixed windows (twice the limit fits across a window
 * boundary); the issue asks for a sliding window, which is this one short script.
 */
@Injectable()
export class SlidingWindowRateLimiter {
  private readonly redis: Redis & WithSlidingWindow;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {
    if (!('intakeSlidingWindow' in redis)) {
      redis.defineCommand('intakeSlidingWindow', { numberOfKeys: 1, lua: SLIDING_WINDOW });
    }
    this.redis = redis as Redis & WithSlidingWindow;
  }

  /** Counts one request; throws 429 TOO_MANY_REQUESTS with Retry-After when over the limit. */
  async consume({ name, subject, limit, windowSeconds }: RateLimit): Promise<void> {
    if (!this.config.RATE_LIMITS_ENABLED) return;
    const [admitted, retryAfterMs] = await this.redis.intakeSlidingWindow(
      `${this.config.redisPrefix}:rate:${name}:${subject}`,
      windowSeconds * 1000,
      limit,
      randomUUID(),
    );
    if (admitted === 1) return;
    throw new RetryAfterException(
      429,
      { code: ErrorCodes.tooManyRequests, message: '操作过于频繁，请稍后再试' },
      retryAfterMs / 1000,
    );
  }

  /** Status pages, attachments, captchas, ratings: per client address. */
  lookup(ip: string): Promise<void> {
    return this.consume({
      name: 'lookup-ip',
      subject: ip,
      limit: this.config.RATE_LIMIT_IP_LOOKUPS,
      windowSeconds: this.config.RATE_LIMIT_IP_LOOKUPS_WINDOW_SECONDS,
    });
  }

  submissionFromAddress(ip: string): Promise<void> {
    return this.consume({
      name: 'submit-ip',
      subject: ip,
      limit: this.config.RATE_LIMIT_IP_SUBMISSIONS,
      windowSeconds: this.config.RATE_LIMIT_IP_SUBMISSIONS_WINDOW_SECONDS,
    });
  }

  /** `idNumberHash` is the keyed lookup hash (HMAC-SM3), so Redis never sees an ID number. */
  submissionByPetitioner(idNumberHash: string): Promise<void> {
    return this.consume({
      name: 'submit-id',
      subject: idNumberHash,
      limit: this.config.RATE_LIMIT_ID_SUBMISSIONS,
      windowSeconds: this.config.RATE_LIMIT_ID_SUBMISSIONS_WINDOW_SECONDS,
    });
  }
}
