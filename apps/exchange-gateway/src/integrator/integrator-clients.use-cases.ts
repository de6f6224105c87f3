import { randomBytes } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  ErrorCodes,
  IntegratorErrorCodes as Codes,
  type IntegratorClientResponse,
  type IntegratorCredentials,
  type RegisterIntegratorClientRequest,
  type RegisteredIntegratorClientResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { FieldCipher, LookupHasher } from '@minsheng/crypto';
import { isWithinJurisdiction } from '@minsheng/domain';
import { inTransaction } from '@minsheng/persistence';
import { IntegratorClientEntity } from './integrator-client.entity.js';
import { integratorError } from './integrator.errors.js';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from './integrator.settings.js';

const OPEN311_KEY_PURPOSE = 'open311-api-key';

export function toClientResponse(client: IntegratorClientEntity): IntegratorClientResponse {
  return {
    clientId: client.id,
    name: client.name,
    scopes: client.scopes,
    allowedDivisions: client.allowedDivisions,
    rateLimitPerMinute: client.rateLimitPerMinute,
    status: client.status,
    createdAt: client.createdAt.toISOString(),
    secretRotatedAt: client.secretRotatedAt.toISOString(),
    disabledAt: client.disabledAt?.toISOString() ?? null,
  };
}

/**
 * Registering, listing, rotating and disabling clients (system administrator). The secret is
 * shown once and kept as field ciphertext (HMAC needs it back); the Open311 api_key is a bearer
 * key and kept only as a keyed hash.
 */
@Injectable()
export class IntegratorClientsUseCases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
    private readonly audit: AuditTrail,
    @Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig,
  ) {}

  hashOpen311Key(apiKey: string): string {
    return this.hasher.hash(OPEN311_KEY_PURPOSE, apiKey);
  }

  async register(
    principal: Principal,
    request: RegisterIntegratorClientRequest,
  ): Promise<RegisteredIntegratorClientResponse> {
    const outside = request.allowedDivisions.filter(
      (code) => !isWithinJurisdiction(this.config.instanceDivision, code),
    );
    if (outside.length > 0) {
      throw integratorError(400, Codes.divisionNotAllowed, '授权区划须在本级实例的管辖范围内', [
        {
          path: 'allowedDivisions',
          code: Codes.divisionNotAllowed,
          message: `不在本级管辖范围内：${outside.join(', ')}`,
        },
      ]);
    }
    const now = new Date();
    const id = `ic-${randomBytes(8).toString('hex')}`;
    const scopes = [...new Set(request.scopes)];
    const credentials = this.newCredentials(id, scopes.includes('open311'));
    const client: IntegratorClientEntity = {
      id,
      name: request.name,
      secretEncrypted: this.cipher.encrypt(credentials.secret),
      open311ApiKeyHash: credentials.open311ApiKey
        ? this.hashOpen311Key(credentials.open311ApiKey)
        : null,
      scopes,
      allowedDivisions: [...new Set(request.allowedDivisions)],
      rateLimitPerMinute: request.rateLimitPerMinute,
      status: 'active',
      createdBy: principal.userId,
      createdAt: now,
      secretRotatedAt: now,
      disabledAt: null,
    };
    await inTransaction(this.dataSource, async (tx) => {
      await tx.insert(IntegratorClientEntity, client);
      await this.audited(tx, principal, 'integrator-client.registered', client, {
        scopes,
        allowedDivisions: client.allowedDivisions,
        rateLimitPerMinute: client.rateLimitPerMinute,
      });
    });
    return { ...toClientResponse(client), credentials };
  }

  async list(): Promise<IntegratorClientResponse[]> {
    const clients = await this.dataSource
      .getRepository(IntegratorClientEntity)
      .find({ order: { createdAt: 'ASC' } });
    return clients.map(toClientResponse);
  }

  async rotateSecret(principal: Principal, clientId: string): Promise<IntegratorCredentials> {
    return inTransaction(this.dataSource, async (tx) => {
      const client = await this.load(tx, clientId);
      const credentials = this.newCredentials(client.id, client.scopes.includes('open311'));
      await tx.update(
        IntegratorClientEntity,
        { id: client.id },
        {
          secretEncrypted: this.cipher.encrypt(credentials.secret),
          open311ApiKeyHash: credentials.open311ApiKey
            ? this.hashOpen311Key(credentials.open311ApiKey)
            : null,
          secretRotatedAt: new Date(),
        },
      );
      await this.audited(tx, principal, 'integrator-client.secret-rotated', client, {});
      return credentials;
    });
  }

  async disable(principal: Principal, clientId: string): Promise<IntegratorClientResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const client = await this.load(tx, clientId);
      if (client.status !== 'disabled') {
        client.status = 'disabled';
        client.disabledAt = new Date();
        await tx.update(
          IntegratorClientEntity,
          { id: client.id },
          { status: client.status, disabledAt: client.disabledAt },
        );
        await this.audited(tx, principal, 'integrator-client.disabled', client, {});
      }
      return toClientResponse(client);
    });
  }

  private newCredentials(clientId: string, open311: boolean): IntegratorCredentials {
    return {
      clientId,
      secret: randomBytes(32).toString('base64url'),
      open311ApiKey: open311 ? randomBytes(24).toString('base64url') : null,
    };
  }

  private async load(tx: EntityManager, clientId: string): Promise<IntegratorClientEntity> {
    const client =
      clientId.length <= 64
        ? await tx.findOne(IntegratorClientEntity, {
            where: { id: clientId },
            lock: { mode: 'pessimistic_write' },
          })
        : null;
    if (!client)
      throw new NotFoundException({ code: ErrorCodes.notFound, message: '未知的接入方' });
    return client;
  }

  private audited(
    tx: EntityManager,
    principal: Principal,
    action: string,
    client: IntegratorClientEntity,
    details: Record<string, unknown>,
  ) {
    return this.audit.record(
      {
        action,
        outcome: 'success',
        actor: actorOf(principal),
        target: { type: 'integrator-client', id: client.id },
        divisionCode: this.config.instanceDivision,
        details: { name: client.name, ...details },
      },
      tx,
    );
  }
}
