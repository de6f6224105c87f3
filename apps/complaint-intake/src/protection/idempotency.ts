import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { IntakeErrorCodes } from '@minsheng/contracts';
import { FieldCipher } from '@minsheng/crypto';
import { REDIS } from '@minsheng/runtime';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { RetryAfterException } from './retry-after.exception.js';

/** Longer than any submission with attachments can take; a crashed holder frees the key then. */
const LOCK_TTL_MS = 120_000;
/** How long a concurrent retry waits for the first request before answering 409. */
const WAIT_FOR_FIRST_MS = 15_000;
const POLL_MS = 50;

const RELEASE_IF_OURS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface Pending {
  state: 'pending';
  token: string;
  fingerprint: string;
}
interface Done {
  state: 'done';
  fingerprint: string;
  status: number;
  /** Field ciphertext: the body holds the query code, which is shown once and stored nowhere else. */
  body: string;
}

export interface StoredResult<T> {
  status: number;
  body: T;
}

export type IdempotentOutcome<T> =
  { replayed: false; result: StoredResult<T> } | { replayed: true; result: StoredResult<T> };

/**
 * `Idempotency-Key`: the first request with a key does the work; a retry with the same key gets
 * the first result (same status and body) — also when it arrives while the first is still
 * running, in which case it waits for it. A key is scoped to the petitioner (keyed ID hash), so
 * someone else's key reveals nothing, and reusing it for a different complaint is refused.
 * Only successes are kept: after a refusal the client may fix the request and retry with the key.
 */
@Injectable()
export class Idempotency {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    private readonly cipher: FieldCipher,
  ) {}

  /** What the complaint row stores in its unique column, and what the Redis key is built from. */
  scopedKeyHash(idempotencyKey: string, petitionerIdHash: string): string {
    return createHash('sha256').update(`${petitionerIdHash}\n${idempotencyKey}`).digest('hex');
  }

  static fingerprint(request: unknown): string {
    return createHash('sha256').update(JSON.stringify(request)).digest('hex');
  }

  async run<T>(
    scopedKeyHash: string,
    fingerprint: string,
    work: () => Promise<StoredResult<T>>,
  ): Promise<IdempotentOutcome<T>> {
    const key = `${this.config.redisPrefix}:idempotency:${scopedKeyHash}`;
    const deadline = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const pending: Pending = { state: 'pending', token: randomUUID(), fingerprint };
      const pendingJson = JSON.stringify(pending);
      if (await this.redis.set(key, pendingJson, 'PX', LOCK_TTL_MS, 'NX')) {
        return { replayed: false, result: await this.hold(key, pendingJson, fingerprint, work) };
      }
      const existing = await this.redis.get(key);
      if (existing) {
        const entry = JSON.parse(existing) as Pending | Done;
        if (entry.fingerprint !== fingerprint) {
          throw new UnprocessableEntityException({
            code: IntakeErrorCodes.idempotencyKeyReused,
            message: '该幂等键已用于另一份投诉，请为新的投诉使用新的幂等键',
          });
        }
        if (entry.state === 'done') {
          return {
            replayed: true,
            result: {
              status: entry.status,
              body: JSON.parse(this.cipher.decrypt(entry.body)) as T,
            },
          };
        }
      }
      if (Date.now() > deadline) throw inUse();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async hold<T>(
    key: string,
    pendingJson: string,
    fingerprint: string,
    work: () => Promise<StoredResult<T>>,
  ): Promise<StoredResult<T>> {
    let result: StoredResult<T>;
    try {
      result = await work();
    } catch (error) {
      await this.redis.eval(RELEASE_IF_OURS, 1, key, pendingJson).catch(() => undefined);
      throw error;
    }
    const done: Done = {
      state: 'done',
      fingerprint,
      status: result.status,
      body: this.cipher.encrypt(JSON.stringify(result.body)),
    };
    await this.redis.set(key, JSON.stringify(done), 'EX', this.config.IDEMPOTENCY_TTL_SECONDS);
    return result;
  }
}

export function inUse(): RetryAfterException {
  return new RetryAfterException(
    409,
    { code: IntakeErrorCodes.idempotencyKeyInUse, message: '相同的提交正在处理中，请稍后重试' },
    1,
  );
}
