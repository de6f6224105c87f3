import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { IntegratorErrorCodes } from '@minsheng/contracts';
import { REDIS } from '@minsheng/runtime';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from './integrator.settings.js';
import { RetryAfterException } from './integrator.errors.js';

/**
 * Token bucket per client on Redis' own clock (replicas agree): `capacity` tokens, refilled at
 * capacity per minute. rate-limiter-flexible is not a dependency of the repository and intake
 * already keeps its limiter as a short script, so this is one too. Returns
 * [admitted, milliseconds until a token is back].
 */
const TOKEN_BUCKET = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local capacity = tonumber(ARGV[1])
local per_ms = capacity / 60000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * per_ms)
local admitted = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  admitted = 1
else
  wait = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return {admitted, wait}
`;

interface WithTokenBucket {
  integratorTokenBucket(key: string, capacity: number): Promise<[number, number]>;
}

@Injectable()
export class ClientRateLimiter {
  private readonly redis: Redis & WithTokenBucket;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig,
  ) {
    if (!('integratorTokenBucket' in redis)) {
      redis.defineCommand('integratorTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET });
    }
    this.redis = redis as Redis & WithTokenBucket;
  }

  /** Takes one token; throws 429 INTEGRATOR_RATE_LIMITED with Retry-After when none is left. */
  async consume(clientId: string, perMinute: number): Promise<void> {
    const [admitted, waitMs] = await this.redis.integratorTokenBucket(
      `${this.config.redisPrefix}:rate:${clientId}`,
      perMinute,
    );
    if (admitted === 1) return;
    throw new RetryAfterException(
      429,
      { code: IntegratorErrorCodes.rateLimited, message: '请求过于频繁，请稍后再试' },
      waitMs / 1000,
    );
  }
}
