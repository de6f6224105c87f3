import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SIGNING_HEADERS } from '@minsheng/contracts';
import { FieldCipher } from '@minsheng/crypto';
import { PeriodicTask } from '@minsheng/persistence';
import { IntegratorClientEntity } from '../integrator/integrator-client.entity.js';
import { Idempotency } from '../integrator/idempotency.js';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from '../integrator/integrator.settings.js';
import { signedHeaders } from '../integrator/request-signing.js';
import { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity.js';

const BATCH = 20;

interface Outcome {
  succeeded: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends due webhook deliveries. A delivery is claimed by moving its next attempt past the send
 * timeout (a lease), so replicas never send the same one at once and one that was being sent
 * when a process died is sent again after the lease — at least once; receivers de-duplicate by
 * the delivery id header. A failure waits base × 2^(n−1) (capped); after the last attempt the
 * delivery is dead until an operator replays it.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly task: PeriodicTask;
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly idempotency: Idempotency,
    @Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'webhook dispatch',
      intervalMs: config.WEBHOOK_POLL_MS,
      pass: () => this.pass(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.task.start({ immediately: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  wake(): void {
    this.task.wake();
  }

  backoffMs(failures: number): number {
    return Math.min(
      this.config.WEBHOOK_BACKOFF_MAX_MS,
      this.config.WEBHOOK_BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1),
    );
  }

  private async pass(): Promise<void> {
    for (;;) {
      if (this.task.isStopped) return;
      const due = await this.claim();
      await Promise.all(due.map((delivery) => this.deliver(delivery)));
      if (due.length < BATCH) break;
    }
    // Idempotency records outlive their retention by at most an hour.
    if (Date.now() - this.lastPurge > 3_600_000) {
      this.lastPurge = Date.now();
      await this.idempotency.purge(
        new Date(Date.now() - this.config.INTEGRATOR_IDEMPOTENCY_TTL_HOURS * 3_600_000),
      );
    }
  }

  private async claim(): Promise<WebhookDeliveryEntity[]> {
    const s = this.config.schema;
    const leaseMs = this.config.WEBHOOK_TIMEOUT_MS * 2 + 1_000;
    const [rows] = (await this.dataSource.query(
      `UPDATE "${s}".webhook_delivery SET next_attempt_at = now() + ($1 || ' milliseconds')::interval
        WHERE id IN (SELECT id FROM "${s}".webhook_delivery
                      WHERE status = 'pending' AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [String(leaseMs)],
    )) as [Array<{ id: string }>, number];
    if (rows.length === 0) return [];
    return this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .where('d.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
  }

  private async deliver(delivery: WebhookDeliveryEntity): Promise<void> {
    const subscription = await this.dataSource
      .getRepository(WebhookSubscriptionEntity)
      .findOne({ where: { id: delivery.subscriptionId } });
    const client = await this.dataSource
      .getRepository(IntegratorClientEntity)
      .findOne({ where: { id: delivery.clientId } });
    let outcome: Outcome;
    if (!subscription?.active || client?.status !== 'active') {
      outcome = {
        succeeded: false,
        statusCode: null,
        error: 'subscription inactive',
        durationMs: 0,
      };
    } else {
      outcome = await this.send(delivery, subscription, client);
    }
    await this.record(delivery, outcome, !subscription?.active || client?.status !== 'active');
  }

  private async send(
    delivery: WebhookDeliveryEntity,
    subscription: WebhookSubscriptionEntity,
    client: IntegratorClientEntity,
  ): Promise<Outcome> {
    const body = JSON.stringify(delivery.payload);
    const url = new URL(subscription.url);
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      ...signedHeaders({
        clientId: client.id,
        secret: this.cipher.decrypt(client.secretEncrypted),
        method: 'POST',
        pathWithQuery: `${url.pathname}${url.search}`,
        body,
        nonce: randomBytes(16).toString('hex'),
      }),
      [SIGNING_HEADERS.eventType]: delivery.eventType,
      [SIGNING_HEADERS.deliveryId]: delivery.id,
    };
    const started = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      const succeeded = response.status >= 200 && response.status < 300;
      return {
        succeeded,
        statusCode: response.status,
        error: succeeded ? null : `HTTP ${response.status}`,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      return {
        succeeded: false,
        statusCode: null,
        error: ((error as Error).name === 'TimeoutError'
          ? 'timeout'
          : (error as Error).message
        ).slice(0, 500),
        durationMs: Date.now() - started,
      };
    }
  }

  private async record(
    delivery: WebhookDeliveryEntity,
    outcome: Outcome,
    giveUp: boolean,
  ): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const attempt =
        (await tx.count(WebhookAttemptEntity, { where: { deliveryId: delivery.id } })) + 1;
      await tx.insert(WebhookAttemptEntity, {
        deliveryId: delivery.id,
        attempt,
        at: new Date(),
        succeeded: outcome.succeeded,
        statusCode: outcome.statusCode,
        error: outcome.error,
        durationMs: outcome.durationMs,
      });
      const attempts = delivery.attempts + 1;
      if (outcome.succeeded) {
        await tx.update(
          WebhookDeliveryEntity,
          { id: delivery.id },
          {
            status: 'delivered',
            attempts,
            deliveredAt: new Date(),
            nextAttemptAt: null,
            lastError: null,
          },
        );
        return;
      }
      const dead = giveUp || attempts >= this.config.WEBHOOK_MAX_ATTEMPTS;
      await tx.update(
        WebhookDeliveryEntity,
        { id: delivery.id },
        {
          status: dead ? 'dead' : 'pending',
          attempts,
          lastError: outcome.error,
          nextAttemptAt: dead ? null : new Date(Date.now() + this.backoffMs(attempts)),
        },
      );
      if (dead) {
        this.logger.warn(
          { deliveryId: delivery.id, clientId: delivery.clientId, attempts },
          'webhook delivery moved to dead letters',
        );
      }
    });
  }
}
