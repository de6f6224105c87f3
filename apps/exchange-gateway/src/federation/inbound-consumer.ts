import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { NATS_CONNECTION } from '@minsheng/messaging';
import { EnvelopeReceiver } from './envelope-receiver.js';
import { FEDERATION_CONFIG, type FederationConfig } from './federation-config.js';
import { FederationStreams } from './federation-streams.js';

const NANOS_PER_MS = 1_000_000;
const DURABLE = 'exchange-gateway-federation';
const ACK_WAIT_MS = 15_000;
const PREFETCH = 256;
/** Envelopes applied in one transaction at most; fewer when fewer are waiting. */
const BATCH = 64;
/**
 * Batches applied at once: while one waits on Postgres or the next link's stream, the next is
 * checked (parse, schema, signature). The case cursors' row locks keep each case in order across
 * them as across replicas; a report that overtakes its predecessor is held and released by it.
 */
const APPLYING = 2;

/**
 * Reads the inbound stream with one durable consumer, in stream order (which keeps each case's
 * order on the common path). What has arrived while the previous batches were being applied is
 * applied next as one batch (one transaction; see {@link EnvelopeReceiver.receiveBatch}), so
 * batches grow with the load and a lone envelope is not kept waiting. An envelope is
 * acknowledged only after the receiver has committed its fate; when that fails (the database is
 * down) it is redelivered.
 */
@Injectable()
export class InboundConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboundConsumer.name);
  private messages?: ConsumerMessages;
  private done?: Promise<void>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(FEDERATION_CONFIG) private readonly config: FederationConfig,
    private readonly streams: FederationStreams,
    private readonly receiver: EnvelopeReceiver,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.topology.neighbours.length === 0) return;
    await this.streams.ready;
    const stream = this.config.topology.inboundStream;
    const jsm = await jetstreamManager(this.nc);
    const config = {
      durable_name: DURABLE,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // What a consumer killed mid-drain had pulled is redelivered after ack_wait: short enough
      // that a restarted gateway resumes within seconds, long enough for a prefetched batch
      // (PREFETCH plus a BATCH being applied) to be acknowledged in time.
      ack_wait: ACK_WAIT_MS * NANOS_PER_MS,
      max_ack_pending: 1_000,
    };
    try {
      await jsm.consumers.add(stream, config);
    } catch {
      await jsm.consumers.update(stream, DURABLE, config);
    }
    const consumer = await jetstream(this.nc).consumers.get(stream, DURABLE);
    this.messages = await consumer.consume({ max_messages: PREFETCH });
    this.done = this.pump(this.messages);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.messages?.stop();
    await this.done;
  }

  private async pump(messages: ConsumerMessages): Promise<void> {
    const waiting: JsMsg[] = [];
    const idle: (() => void)[] = [];
    const wake = () => {
      for (const resolve of idle.splice(0)) resolve();
    };
    let taken: (() => void) | undefined;
    let ended = false;
    const work = async () => {
      for (;;) {
        if (waiting.length === 0) {
          if (ended) return;
          await new Promise<void>((resolve) => idle.push(resolve));
          continue;
        }
        const batch = waiting.splice(0, BATCH);
        taken?.();
        await this.apply(batch);
      }
    };
    const workers = Promise.all(Array.from({ length: APPLYING }, work));
    try {
      for await (const msg of messages) {
        waiting.push(msg);
        wake();
        // At most one batch waits here besides the consumer's own prefetch.
        while (waiting.length >= BATCH) await new Promise<void>((resolve) => (taken = resolve));
      }
    } finally {
      ended = true;
      wake();
      await workers;
    }
  }

  private async apply(batch: JsMsg[]): Promise<void> {
    let outcomes: (string | Error)[];
    try {
      outcomes = await this.receiver.receiveBatch(batch.map((msg) => msg.string()));
    } catch (error) {
      outcomes = batch.map(() => error as Error);
    }
    for (const [index, msg] of batch.entries()) {
      const outcome = outcomes[index];
      if (!(outcome instanceof Error)) {
        msg.ack();
        continue;
      }
      this.logger.error(
        { err: outcome.message, seq: msg.info.streamSequence },
        'could not record the fate of an envelope; it will be redelivered',
      );
      msg.nak(2_000);
    }
  }
}
