import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { TOTP } from 'otpauth';
import { REDIS, SERVICE_ENV, type ServiceEnv } from '@minsheng/runtime';
import { TOTP_PARAMETERS, TotpSecrets } from '../account/totp-secrets.js';

// Accepts a time step only if it is later than the last one accepted for the account.
const CLAIM_STEP = `
local last = redis.call('GET', KEYS[1])
if last and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

const WINDOW = 1;

/** RFC 6238 check (±1 step) where each code is good once per account (RFC 6238 §5.2). */
@Injectable()
export class TotpVerifier {
  private readonly prefix: string;

  constructor(
    private readonly secrets: TotpSecrets,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(SERVICE_ENV) env: ServiceEnv,
  ) {
    this.prefix = `${env.namespace}:identity:totp-step`;
  }

  async verifyOnce(accountId: string, storedSecret: string, code: string): Promise<boolean> {
    const timestamp = Date.now();
    const delta = this.secrets
      .open(storedSecret)
      .validate({ token: code, timestamp, window: WINDOW });
    if (delta === null) return false;
    const step = TOTP.counter({ period: TOTP_PARAMETERS.period, timestamp }) + delta;
    // Kept a little longer than a code can stay valid; after that the window rejects it anyway.
    const memorySeconds = TOTP_PARAMETERS.period * (2 * WINDOW + 2);
    const claimed = await this.redis.eval(
      CLAIM_STEP,
      1,
      `${this.prefix}:${accountId}`,
      step,
      memorySeconds,
    );
    return claimed === 1;
  }
}
