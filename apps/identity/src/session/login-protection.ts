import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { REDIS, SERVICE_ENV, type ServiceEnv } from '@minsheng/runtime';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';

// An attempt counts against the limit before its credentials are checked, so a burst of
// parallel guesses cannot all pass the lock check while the first ones are still being verified.
// Answers -1 when locked, else the attempt's number since the last success.
const BEGIN_ATTEMPT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local attempts = redis.call('INCR', KEYS[1])
if attempts == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if attempts > tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
  redis.call('DEL', KEYS[1])
  return -1
end
return attempts`;

const FAILURE_MEMORY_SECONDS = 24 * 60 * 60;

/**
 * Brute-force protection in Redis: a per-IP rate limit on attempts, and a lock after consecutive
 * failures per username (known or not, so a lock says nothing about whether an account exists).
 */
@Injectable()
export class LoginProtection {
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    @Inject(SERVICE_ENV) env: ServiceEnv,
  ) {
    this.prefix = `${env.namespace}:identity:login`;
  }

  /** Counts an attempt from `ip`; false once the minute's allowance is used up. */
  async allowAttemptFrom(ip: string): Promise<boolean> {
    const key = `${this.prefix}:ip:${ip}`;
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, 60, 'NX').exec()) as [
      [Error | null, number],
      unknown,
    ];
    return count <= this.settings.LOGIN_RATE_LIMIT_PER_MINUTE;
  }

  /**
   * Starts an attempt for `username`: undefined when the username is locked (or this attempt
   * is one too many), else the attempt's number among the consecutive ones since the last success.
   */
  async beginAttempt(username: string): Promise<number | undefined> {
    const { LOGIN_MAX_FAILURES, LOGIN_LOCKOUT_MINUTES } = this.settings;
    const attempt = (await this.redis.eval(
      BEGIN_ATTEMPT,
      2,
      this.failuresKey(username),
      this.lockKey(username),
      LOGIN_MAX_FAILURES,
      LOGIN_LOCKOUT_MINUTES * 60,
      FAILURE_MEMORY_SECONDS,
    )) as number;
    return attempt < 0 ? undefined : attempt;
  }

  /** A failed attempt; the one that reaches the limit locks the username. True when it locked. */
  async recordFailure(username: string, attempt: number): Promise<boolean> {
    const { LOGIN_MAX_FAILURES, LOGIN_LOCKOUT_MINUTES } = this.settings;
    if (attempt < LOGIN_MAX_FAILURES) return false;
    await this.redis
      .multi()
      .set(this.lockKey(username), '1', 'EX', LOGIN_LOCKOUT_MINUTES * 60)
      .del(this.failuresKey(username))
      .exec();
    return true;
  }

  async recordSuccess(username: string): Promise<void> {
    await this.redis.del(this.failuresKey(username));
  }

  private failuresKey(username: string): string {
    return `${this.prefix}:failures:${username}`;
  }

  private lockKey(username: string): string {
    return `${this.prefix}:lock:${username}`;
  }
}
