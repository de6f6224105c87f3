import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  ErrorCodes,
  IntegratorErrorCodes as Codes,
  type CreateWebhookRequest,
  type WebhookDelivery,
  type WebhookDeliveryList,
  type WebhookSubscription,
} from '@minsheng/contracts';
import type { IntegratorCaller } from '../integrator/integrator-client.js';
import { integratorError } from '../integrator/integrator.errors.js';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from '../integrator/integrator.settings.js';
import { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';
import { toDelivery, toSubscription } from './webhook.mapper.js';

const notFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该订阅或投递' });

const PRIVATE_HOST =
  /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|0\.0\.0\.0)$/i;

/** Clients' webhook subscriptions, their delivery history, and the operator's replay. */
@Injectable()
export class WebhookSubscriptionsUseCases {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig,
  ) {}

  /** https only, and not into the instance's own network (unless development allows it). */
  checkUrl(raw: string): void {
    if (this.config.WEBHOOK_ALLOW_INSECURE_URLS) return;
    const url = new URL(raw);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // IPv6 literals are refused outright: their private ranges are many and rarely meant.
    if (url.protocol !== 'https:' || PRIVATE_HOST.test(host) || isIP(host) === 6) {
      throw integratorError(400, Codes.webhookUrlNotAllowed, '回调地址须为 https 且不得指向内网', [
        { path: 'url', code: Codes.webhookUrlNotAllowed, message: '不允许的回调地址' },
      ]);
    }
  }

  async create(
    tx: EntityManager,
    caller: IntegratorCaller,
    request: CreateWebhookRequest,
  ): Promise<WebhookSubscription> {
    this.checkUrl(request.url);
    const subscription: WebhookSubscriptionEntity = {
      id: randomUUID(),
      clientId: caller.clientId,
      url: request.url,
      eventTypes: [...new Set(request.eventTypes)],
      active: true,
      createdAt: new Date(),
    };
    await tx.insert(WebhookSubscriptionEntity, subscription);
    return toSubscription(subscription);
  }

  async list(caller: IntegratorCaller): Promise<WebhookSubscription[]> {
    const rows = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .find({ where: { clientId: caller.clientId }, order: { createdAt: 'ASC' } });
    return rows.map(toSubscription);
  }

  async deactivate(caller: IntegratorCaller, id: string): Promise<WebhookSubscription> {
    const subscription = await this.own(caller, id);
    await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .update({ id: subscription.id }, { active: false });
    return toSubscription({ ...subscription, active: false });
  }

  /** Delivery history of one of the client's subscriptions, newest first. */
  async deliveries(caller: IntegratorCaller, id: string): Promise<WebhookDeliveryList> {
    const subscription = await this.own(caller, id);
    const deliveries = await this.dataSource.getRepository(WebhookDeliveryEntity).find({
      where: { subscriptionId: subscription.id },
      order: { createdAt: 'DESC' },
      take: 200,
    });
    return { items: await this.withHistory(deliveries) };
  }

  /** The dead-letter list (operator). */
  async deadLetters(): Promise<WebhookDeliveryList> {
    const deliveries = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { status: 'dead' }, order: { createdAt: 'ASC' }, take: 500 });
    return { items: await this.withHistory(deliveries) };
  }

  /** Puts a dead delivery back in line with a fresh attempt budget; its history stays. */
  async replay(id: string): Promise<WebhookDelivery> {
    const repository = this.dataSource.getRepository(WebhookDeliveryEntity);
    const delivery = /^[0-9a-f-]{36}$/i.test(id)
      ? await repository.findOne({ where: { id } })
      : null;
    if (!delivery) throw notFound();
    const result = await repository.update(
      { id, status: 'dead' },
      { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lastError: null },
    );
    if (!result.affected) {
      throw integratorError(409, Codes.deliveryNotDead, '该投递不在死信列表中');
    }
    const [replayed] = await this.withHistory([(await repository.findOne({ where: { id } }))!]);
    return replayed;
  }

  private async own(caller: IntegratorCaller, id: string): Promise<WebhookSubscriptionEntity> {
    const subscription = /^[0-9a-f-]{36}$/i.test(id)
      ? await this.dataSource
          .getRepository(WebhookSubscriptionEntity)
          .findOne({ where: { id, clientId: caller.clientId } })
      : null;
    if (!subscription) throw notFound();
    return subscription;
  }

  private async withHistory(deliveries: WebhookDeliveryEntity[]): Promise<WebhookDelivery[]> {
    if (deliveries.length === 0) return [];
    const attempts = await this.dataSource
      .getRepository(WebhookAttemptEntity)
      .find({ where: { deliveryId: In(deliveries.map((d) => d.id)) } });
    return deliveries.map((d) => toDelivery(d, attempts));
  }
}
