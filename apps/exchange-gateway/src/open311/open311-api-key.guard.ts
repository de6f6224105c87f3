import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { IntegratorErrorCodes as Codes } from '@minsheng/contracts';
import { ClientRateLimiter } from '../integrator/client-rate-limiter.js';
import { attachCaller, callerOf } from '../integrator/integrator-client.js';
import { IntegratorClientEntity } from '../integrator/integrator-client.entity.js';
import { IntegratorClientsUseCases } from '../integrator/integrator-clients.use-cases.js';
import { integratorError } from '../integrator/integrator.errors.js';

/**
 * Open311 clients do not sign requests (GeoReport v2 has no such thing): the `api_key` (body or
 * query) names a registered client, which must be active, hold the `open311` scope and stay
 * within its rate limit.
 */
@Injectable()
export class Open311ApiKeyGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clients: IntegratorClientsUseCases,
    private readonly limiter: ClientRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const query = (request.query ?? {}) as Record<string, unknown>;
    const apiKey = [body.api_key, query.api_key].find(
      (v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200,
    );
    if (!apiKey) throw integratorError(401, Codes.signatureRequired, '缺少 api_key');
    const client = await this.dataSource
      .getRepository(IntegratorClientEntity)
      .findOne({ where: { open311ApiKeyHash: this.clients.hashOpen311Key(apiKey) } });
    if (!client) throw integratorError(401, Codes.unknownClient, 'api_key 无效');
    if (client.status !== 'active') {
      throw integratorError(403, Codes.clientDisabled, 'api_key 已停用');
    }
    await this.limiter.consume(client.id, client.rateLimitPerMinute);
    if (!client.scopes.includes('open311')) {
      throw integratorError(403, Codes.scopeMissing, 'api_key 未获授权使用 Open311 接口');
    }
    attachCaller(request, callerOf(client, 'open311-api-key'));
    return true;
  }
}
