import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  FEDERATION_ENVELOPE_VERSION,
  type FederationEnvelope,
  type FederationMessageType,
} from '@minsheng/contracts';
import { signForHop } from './envelope-codec.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';

export interface OutgoingMessage {
  type: FederationMessageType;
  recipient: string;
  caseKey: string;
  /** Built for the neighbour it goes to first (personal data is sealed per link). */
  payload: (neighbour: string) => Record<string, unknown>;
}

/** There is no link towards the recipient (not configured, or no key for it). */
export class NoRouteError extends Error {}

/**
 * Writes envelopes to the federation outbox in the caller's transaction, so a message exists
 * exactly when the change that caused it does; {@link FederationRelay} publishes them to the
 * link's outbound stream after commit. Each case's messages get the next sequence number of
 * this origin, which receivers use to keep them in order.
 */
@Injectable()
export class FederationOutbox {
  private readonly listeners = new Set<() => void>();
  private wakeScheduled = false;

  constructor(@Inject(FEDERATION_CONFIG) private readonly config: FederationConfig) {}

  /** A new message from this instance. */
  async send(tx: EntityManager, message: OutgoingMessage): Promise<FederationEnvelope> {
    const { topology } = this.config;
    const neighbour = topology.nextHop(message.recipient);
    if (!neighbour || neighbour === topology.self) {
      throw new NoRouteError(`no link from ${topology.self} towards ${message.recipient}`);
    }
    const [{ last_seq: caseSeq }] = await tx.query(
      `INSERT INTO "${this.config.schema}".federation_case_sequence (case_key, last_seq) VALUES ($1, 1)
       ON CONFLICT (case_key) DO UPDATE SET last_seq = federation_case_sequence.last_seq + 1
       RETURNING last_seq`,
      [message.caseKey],
    );
    const envelope = signForHop(
      this.config.keys,
      {
        id: randomUUID(),
        version: FEDERATION_ENVELOPE_VERSION,
        type: message.type,
        originDivision: topology.self,
        senderDivision: topology.self,
        recipientDivision: message.recipient,
        caseKey: message.caseKey,
        caseSeq: Number(caseSeq),
        createdAt: new Date().toISOString(),
        payload: message.payload(neighbour),
      },
      neighbour,
    );
    await this.write(tx, envelope, neighbour);
    return envelope;
  }

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async write(tx: EntityManager, envelope: FederationEnvelope, neighbour: string) {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error('FederationOutbox must be written inside a transaction');
    }
    await tx.query(
      `INSERT INTO "${this.config.schema}".federation_outbox (envelope_id, neighbour, envelope)
       VALUES ($1, $2, $3) ON CONFLICT (envelope_id, neighbour) DO NOTHING`,
      [envelope.id, neighbour, JSON.stringify(envelope)],
    );
    // Wake the relay shortly after commit (once for several writes); its poll covers the rest.
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setTimeout(() => {
      this.wakeScheduled = false;
      for (const listener of this.listeners) listener();
    }, 5).unref();
  }
}
