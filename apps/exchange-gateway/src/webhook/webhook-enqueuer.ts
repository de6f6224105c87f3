import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { canSee, toChangeItem } from '../feed/change.mapper.js';
import type { ExchangeChangeEntity } from '../feed/exchange-change.entity.js';
import type { IntegratorScope } from '@minsheng/contracts';
import { INTEGRATOR_CONFIG, type IntegratorConfig } from '../integrator/integrator.settings.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';

interface Candidate {
  subscription_id: string;
  client_id: string;
  scopes: IntegratorScope[];
  allowed_divisions: string[];
}

/** Queues one delivery per subscription that wants this change and whose client may see it. */
@Injectable()
export class WebhookEnqueuer {
  constructor(@Inject(INTEGRATOR_CONFIG) private readonly config: IntegratorConfig) {}

  async enqueue(
    tx: EntityManager,
    change: ExchangeChangeEntity,
    { onlyClientId }: { onlyClientId?: string } = {},
  ): Promise<void> {
    const schema = this.config.schema;
    const candidates: Candidate[] = await tx.query(
      `SELECT s.id AS subscription_id, c.id AS client_id, c.scopes, c.allowed_divisions
         FROM "${schema}".webhook_subscription s
         JOIN "${schema}".integrator_client c ON c.id = s.client_id
        WHERE s.active AND c.status = 'active'
          AND (s.event_types @> ARRAY[$1]::text[] OR s.event_types @> ARRAY['*']::text[])
          AND ($2::text IS NULL OR c.id = $2)`,
      [change.type, onlyClientId ?? null],
    );
    const now = new Date();
    const rows: WebhookDeliveryEntity[] = candidates
      .map((c) => ({
        clientId: c.client_id,
        scopes: c.scopes,
        allowedDivisions: c.allowed_divisions,
        subscriptionId: c.subscription_id,
      }))
      .filter((viewer) => canSee(viewer, change))
      .map((viewer) => ({
        id: randomUUID(),
        subscriptionId: viewer.subscriptionId,
        clientId: viewer.clientId,
        eventId: change.eventId,
        eventType: change.type,
        payload: toChangeItem(change, viewer),
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        deliveredAt: null,
        lastError: null,
        createdAt: now,
      }));
    if (rows.length > 0) {
      await tx
        .createQueryBuilder()
        .insert()
        .into(WebhookDeliveryEntity)
        .values(rows)
        .orIgnore()
        .execute();
    }
  }
}
