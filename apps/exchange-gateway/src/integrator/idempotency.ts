import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { IntegratorErrorCodes as Codes } from '@minsheng/contracts';
import { inTransaction, isUniqueViolation } from '@minsheng/persistence';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { integratorError } from './integrator.errors.js';
import { sha256Hex } from './request-signing.js';

export interface WriteResult<T> {
  status: number;
  body: T;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on writes. The record commits in the same transaction as the write, so a
 * retry after a crash or a lost answer finds either both or neither — unlike a cache entry. Same
 * key and same request (method, path, body hash) → the first answer again; same key with another
 * request → 422 IDEMPOTENCY_KEY_REUSED; one racing the first → 409 IDEMPOTENCY_KEY_IN_USE.
 */
@Injectable()
export class Idempotency {
  constructor(private readonly dataSource: DataSource) {}

  static requestHash(method: string, path: string, bodySha256: string): string {
    return sha256Hex(`${method.toUpperCase()}\n${path}\n${bodySha256}`);
  }

  async run<T>(
    clientId: string,
    key: string | undefined,
    requestHash: string,
    work: (tx: EntityManager) => Promise<WriteResult<T>>,
  ): Promise<WriteResult<T> & { replayed: boolean }> {
    if (key === undefined) {
      return { ...(await inTransaction(this.dataSource, work)), replayed: false };
    }
    if (!KEY_PATTERN.test(key)) {
      throw integratorError(
        400,
        'VALIDATION_FAILED',
        'Idempotency-Key 应为 1–200 个可见 ASCII 字符',
        [{ path: 'Idempotency-Key', code: 'VALIDATION_FAILED', message: '格式不正确' }],
      );
    }
    const keyHash = sha256Hex(key);
    const earlier = await this.find<T>(clientId, keyHash, requestHash);
    if (earlier) return earlier;
    try {
      const result = await inTransaction(this.dataSource, async (tx) => {
        const done = await work(tx);
        await tx.insert(IdempotencyRecordEntity, {
          clientId,
          keyHash,
          requestHash,
          statusCode: done.status,
          response: done.body as object,
          createdAt: new Date(),
        });
        return done;
      });
      return { ...result, replayed: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const first = await this.find<T>(clientId, keyHash, requestHash);
      if (first) return first;
      throw integratorError(409, Codes.idempotencyKeyInUse, '相同的请求正在处理中，请稍后重试');
    }
  }

  /** Removes records older than the retention; run by the webhook dispatcher's pass. */
  async purge(olderThan: Date): Promise<void> {
    await this.dataSource
      .getRepository(IdempotencyRecordEntity)
      .delete({ createdAt: LessThan(olderThan) });
  }

  private async find<T>(
    clientId: string,
    keyHash: string,
    requestHash: string,
  ): Promise<(WriteResult<T> & { replayed: true }) | undefined> {
    const record = await this.dataSource
      .getRepository(IdempotencyRecordEntity)
      .findOne({ where: { clientId, keyHash } });
    if (!record) return undefined;
    if (record.requestHash !== requestHash) {
      throw integratorError(
        422,
        Codes.idempotencyKeyReused,
        '该幂等键已用于另一个请求，请为新的请求使用新的幂等键',
      );
    }
    return { status: record.statusCode, body: record.response as T, replayed: true };
  }
}
