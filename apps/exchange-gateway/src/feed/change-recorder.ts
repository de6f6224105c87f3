import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { WebhookEnqueuer } from '../webhook/webhook-enqueuer.js';
import { ExchangeChangeEntity } from './exchange-change.entity.js';

export type NewChange = Omit<ExchangeChangeEntity, 'seq'>;

/** Serialises appends, so `seq` follows commit order and a reader's cursor never skips a row. */
const APPEND_LOCK = 'exchange-gateway:exchange_change';

/**
 * Appends to the change feed and queues the webhook deliveries it causes, in the consumer's
 * transaction (so the inbox, the change and its deliveries commit together).
 */
@Injectable()
export class ChangeRecorder {
  constructor(private readonly webhooks: WebhookEnqueuer) {}

  async record(tx: EntityManager, change: NewChange): Promise<ExchangeChangeEntity> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [APPEND_LOCK]);
    const inserted = await tx.insert(ExchangeChangeEntity, change);
    const saved = { ...change, seq: String(inserted.identifiers[0].seq) } as ExchangeChangeEntity;
    await this.webhooks.enqueue(tx, saved);
    return saved;
  }

  /**
   * A complaint's source became known after some of its changes were recorded (the consumers of
   * intake's and petition's events run independently): attribute them now and deliver them to
   * the client's webhooks, which could not see them before.
   */
  async attribute(
    tx: EntityManager,
    complaintId: string,
    clientId: string,
    reference: string,
  ): Promise<void> {
    const rows = await tx.find(ExchangeChangeEntity, {
      where: { complaintId, clientId: IsNull() },
      order: { seq: 'ASC' },
    });
    for (const row of rows) {
      await tx.update(ExchangeChangeEntity, { seq: row.seq }, { clientId, reference });
      await this.webhooks.enqueue(tx, { ...row, clientId, reference }, { onlyClientId: clientId });
    }
  }
}
