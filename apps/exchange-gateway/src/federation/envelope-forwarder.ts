import { Inject, Injectable } from '@nestjs/common';
import type { FederationEnvelope } from '@minsheng/contracts';
import { JetStreamPublisher } from '@minsheng/messaging';
import { signForHop } from './envelope-codec.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { StreamUnavailableError } from './stream-unavailable.error.js';

/** A received envelope to pass on: re-signed for `neighbour`, with `payload` (re-sealed for it). */
export interface ForwardedMessage {
  received: FederationEnvelope;
  neighbour: string;
  payload: Record<string, unknown>;
}

/**
 * Passes received envelopes on to their next hop: each re-signed by this instance for that link
 * and published to the link's outbound stream, all of them acknowledged by the stream before the
 * caller commits the inbox rows that record them as forwarded.
 *
 * No outbox in between, unlike a message this instance originates ({@link FederationOutbox}):
 * the inbound stream already holds the envelope durably until that commit (it is acknowledged
 * only after it), so a crash in between redelivers it and it is published again with the same
 * `Nats-Msg-Id` — stored once within the stream's two-minute window, and refused as a replay by
 * the next hop's inbox after it. What that saves per envelope passed on is an outbox row written,
 * claimed, read back and marked.
 */
@Injectable()
export class EnvelopeForwarder {
  constructor(
    private readonly publisher: JetStreamPublisher,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
  ) {}

  /** Publishes in the order given (one connection keeps it); throws {@link StreamUnavailableError}. */
  async forward(items: readonly ForwardedMessage[]): Promise<void> {
    if (items.length === 0) return;
    const { keys, topology } = this.config;
    const sent = items.map(({ received, neighbour, payload }) => {
      // The received signature is left out of the signed content and replaced by signForHop.
      const envelope = signForHop(
        keys,
        { ...received, senderDivision: topology.self, payload },
        neighbour,
      );
      return this.publisher.publish(topology.outboundSubject(neighbour), JSON.stringify(envelope), {
        msgId: `${envelope.id}:${neighbour}`,
      });
    });
    try {
      await Promise.all(sent);
    } catch (error) {
      throw new StreamUnavailableError(error);
    }
  }
}
