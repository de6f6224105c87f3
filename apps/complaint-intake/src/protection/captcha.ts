import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import svgCaptcha from 'svg-captcha';
import { IntakeErrorCodes, type CaptchaResponse } from '@minsheng/contracts';
import { REDIS } from '@minsheng/runtime';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';

// No 0/O, 1/I/L, 2/Z, 5/S: characters people confuse in a distorted image.
const ALPHABET = '34678ABCDEFGHJKMNPQRTUVWXY';
const LENGTH = 4;

// The package's default export renders given text; its typings only declare `create()`, which
// picks the text with Math.random — the answer must come from a CSPRNG instead.
const render = svgCaptcha as unknown as (
  text: string,
  options: { width: number; height: number; noise: number; color: boolean; background: string },
) => string;

/**
 * The public form's self-hosted image captcha. The answer lives only in Redis, with a TTL, and
 * is deleted by the first attempt to use it (GETDEL), right or wrong: one image, one guess.
 */
@Injectable()
export class Captcha {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  get required(): boolean {
    return this.config.captchaRequired;
  }

  async issue(): Promise<CaptchaResponse> {
    let answer = '';
    for (let i = 0; i < LENGTH; i++) answer += ALPHABET[randomInt(ALPHABET.length)];
    const captchaId = randomUUID();
    await this.redis.set(this.key(captchaId), answer, 'EX', this.config.CAPTCHA_TTL_SECONDS);
    const svg = render(answer, {
      width: 150,
      height: 50,
      noise: 3,
      color: true,
      background: '#f4f6f8',
    });
    return {
      captchaId,
      image: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      expiresInSeconds: this.config.CAPTCHA_TTL_SECONDS,
    };
  }

  /** Consumes the captcha; throws 400 CAPTCHA_INVALID unless the answer is right. */
  async verify(captchaId: string | undefined, answer: string | undefined): Promise<void> {
    if (!this.required) return;
    const expected = captchaId ? await this.redis.getdel(this.key(captchaId)) : null;
    const given = Buffer.from((answer ?? '').trim().toUpperCase());
    if (!expected || !timingSafeEqualText(given, Buffer.from(expected))) {
      throw new BadRequestException({
        code: IntakeErrorCodes.captchaInvalid,
        message: '验证码错误或已过期，请刷新验证码后重试',
        fields: [
          {
            path: 'captchaAnswer',
            code: IntakeErrorCodes.captchaInvalid,
            message: '验证码错误或已过期',
          },
        ],
      });
    }
  }

  private key(captchaId: string): string {
    return `${this.config.redisPrefix}:captcha:${captchaId}`;
  }
}

function timingSafeEqualText(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
