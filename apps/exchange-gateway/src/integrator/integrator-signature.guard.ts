import {
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import {
  IntegratorErrorCodes as Codes,
  NONCE_PATTERN,
  SIGNATURE_ALGORITHMS,
  SIGNING_HEADERS,
  type IntegratorScope,
  type SignatureAlgorithm,
} from '@minsheng/contracts';
import { FieldCipher } from '@minsheng/crypto';
import { REDIS } from '@minsheng/runtime';
import { ClientRateLimiter } from './client-rate-limiter.js';
import { INTEGRATOR_SCOPE, attachCaller, callerOf } from './integrator-client.js';
import { IntegratorClientEntity } from './integrator-client.entity.js';
import { bodySha256 } from './integrator-http.setup.js';
import { integratorError } from './integrator.errors.js';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from './integrator.settings.js';
import { computeSignature, signaturesMatch } from './request-signing.js';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};

/**
 * Authenticates a signed request: known client, valid HMAC over the raw request, fresh
 * timestamp, enabled client, unused nonce (Redis SET NX for twice the tolerance), within its rate
 * limit and holding the endpoint's scope — each refusal with its own code.
 */
@Injectable()
export class IntegratorSignatureGuard implements CanActivate {
  private readonly logger = new Logger(IntegratorSignatureGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly limiter: ClientRateLimiter,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<IntegratorScope | undefined>(INTEGRATOR_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    // A route with this guard but no scope is a mistake: closed, like the staff guard does.
    if (!scope) throw integratorError(403, Codes.scopeMissing, '接口未声明所需权限');
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const clientId = header(request, SIGNING_HEADERS.clientId);
    const timestamp = header(request, SIGNING_HEADERS.timestamp);
    const nonce = header(request, SIGNING_HEADERS.nonce);
    const signature = header(request, SIGNING_HEADERS.signature);
    const algorithm = (header(request, SIGNING_HEADERS.algorithm) ??
      'HMAC-SHA256') as SignatureAlgorithm;
    const missing = [
      !clientId && SIGNING_HEADERS.clientId,
      !(timestamp && /^\d{1,12}$/.test(timestamp)) && SIGNING_HEADERS.timestamp,
      !(nonce && NONCE_PATTERN.test(nonce)) && SIGNING_HEADERS.nonce,
      !signature && SIGNING_HEADERS.signature,
      !SIGNATURE_ALGORITHMS.includes(algorithm) && SIGNING_HEADERS.algorithm,
    ].filter((h) => h !== false);
    if (missing.length > 0) {
      throw integratorError(
        401,
        Codes.signatureRequired,
        '请求未签名或签名头格式不正确',
        missing.map((path) => ({
          path,
          code: Codes.signatureRequired,
          message: '缺失或格式不正确',
        })),
      );
    }

    const client =
      clientId!.length <= 64
        ? await this.dataSource
            .getRepository(IntegratorClientEntity)
            .findOne({ where: { id: clientId } })
        : null;
    if (!client) throw integratorError(401, Codes.unknownClient, '未知的接入方');

    const expected = computeSignature(algorithm, this.cipher.decrypt(client.secretEncrypted), {
      method: request.method,
      pathWithQuery: request.url,
      timestamp: timestamp!,
      nonce: nonce!,
      bodySha256Hex: bodySha256(request),
    });
    if (!signaturesMatch(expected, signature!)) {
      this.logger.warn({ clientId: client.id }, 'bad request signature');
      throw integratorError(401, Codes.badSignature, '签名不正确');
    }
    const skew = Math.abs(Date.now() / 1000 - Number(timestamp));
    if (skew > this.config.INTEGRATOR_TIMESTAMP_TOLERANCE_SECONDS) {
      throw integratorError(401, Codes.staleTimestamp, '请求时间戳已过期或超前，请校准时钟');
    }
    if (client.status !== 'active') {
      throw integratorError(403, Codes.clientDisabled, '接入方已停用');
    }
    // Kept as long as a timestamp can be accepted on either side, so a replay always hits it.
    const fresh = await this.redis.set(
      `${this.config.redisPrefix}:nonce:${client.id}:${nonce}`,
      '1',
      'EX',
      this.config.INTEGRATOR_TIMESTAMP_TOLERANCE_SECONDS * 2,
      'NX',
    );
    if (fresh !== 'OK')
      throw integratorError(401, Codes.nonceReused, '该随机数已使用，请勿重放请求');
    await this.limiter.consume(client.id, client.rateLimitPerMinute);
    if (!client.scopes.includes(scope)) {
      throw integratorError(403, Codes.scopeMissing, `接入方没有 ${scope} 权限`);
    }
    attachCaller(request, callerOf(client, 'signature'));
    return true;
  }
}
