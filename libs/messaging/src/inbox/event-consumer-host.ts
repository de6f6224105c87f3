import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { DataSource, type EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import {
  MessageHeaders,
  eventEnvelopeSchema,
  type EventDefinition,
  type EventEnvelope,
  wireNames,
} from '@minsheng/contracts';
import { requestContext } from '@minsheng/observability';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from '../messaging.options.js';
import { CommandUnavailableError } from '../commands/command-client.js';
import { messagingMetrics } from '../messaging-metrics.js';
import { StreamProvisioner } from '../streams/stream-provisioner.js';
import { ON_EVENT, type OnEventMetadata } from './on-event.decorator.js';

type Handler = (event: EventEnvelope, manager: EntityManager) => Promise<unknown>;

interface Subscription {
  durable: string;
  event: EventDefinition;
  handler: Handler;
  messages?: ConsumerMessages;
  done?: Promise<void>;
}

const NANOS_PER_MS = 1_000_000;
const DEFAULT_BACKOFF_MS = [200, 1_000, 5_000, 15_000, 60_000];

class PoisonMessageError extends Error {}

/**
 * Finds every @OnEvent handler, gives each a durable JetStream consumer and applies messages one
 * at a time: the inbox row and the handler's effect commit together, so a redelivery is a no-op.
 * A failing handler is retried with backoff; after the last attempt the message goes to the
 * dead-letter subject with the reason. Unreadable messages go there at once.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumerHost.name);
  private readonly subscriptions: Subscription[] = [];
  private js!: JetStreamClient;
  private readonly maxAttempts: number;
  private readonly backoffMs: number[];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly streams: StreamProvisioner,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {
    this.maxAttempts = options.consumer?.maxAttempts ?? 5;
    this.backoffMs = options.consumer?.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.js = jetstream(this.nc);
    this.discoverHandlers();
    if (this.subscriptions.length === 0) return;
    await this.withRetries('dead-letter stream', () => this.streams.ensureDeadLetterStream());
    for (const subscription of this.subscriptions) {
      await this.withRetries(subscription.durable, () => this.start(subscription));
    }
  }

  /**
   * A JetStream API request can time out while the server is busy or just restarted; a service
   * that gave up then would crash-loop. Keep trying for about half a minute before failing boot.
   */
  private async withRetries(what: string, step: () => Promise<void>): Promise<void> {
    const delays = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000];
    for (let attempt = 0; ; attempt++) {
      try {
        return await step();
      } catch (error) {
        if (attempt >= delays.length) throw error;
        this.logger.warn(
          { what, attempt: attempt + 1, err: (error as Error).message },
          'JetStream setup failed; retrying',
        );
        await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const s of this.subscriptions) s.messages?.stop();
    await Promise.all(this.subscriptions.map((s) => s.done));
    for (const s of this.subscriptions) messagingMetrics.unwatchConsumer(s.durable);
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = instance[methodName] as Handler;
        const meta = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT, method);
        if (!meta) continue;
        const base = wireNames.durable(this.options.service, meta.event.subject);
        const durable = meta.options.name ? `${base}__${meta.options.name}` : base;
        if (this.subscriptions.some((s) => s.durable === durable)) {
          throw new Error(
            `Two handlers for ${meta.event.subject} in ${this.options.service}: name one`,
          );
        }
        this.subscriptions.push({ durable, event: meta.event, handler: method.bind(instance) });
      }
    }
  }

  private async start(subscription: Subscription): Promise<void> {
    const ns = this.options.namespace;
    const stream = wireNames.ownerStream(ns, subscription.event.owner);
    await this.streams.ensureOwnerStream(subscription.event.owner);
    const jsm = await jetstreamManager(this.nc);
    const config = {
      durable_name: subscription.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: wireNames.event(ns, subscription.event.subject),
      ack_wait: 30_000 * NANOS_PER_MS,
      max_ack_pending: 256,
    };
    try {
      await jsm.consumers.add(stream, config);
    } catch {
      await jsm.consumers.update(stream, subscription.durable, config);
    }
    const consumer = await this.js.consumers.get(stream, subscription.durable);
    messagingMetrics.watchConsumer(subscription.durable, async () => {
      const info = await consumer.info(true);
      return info.num_pending + info.num_ack_pending;
    });
    subscription.messages = await consumer.consume({ max_messages: 64 });
    subscription.done = this.pump(subscription, subscription.messages);
  }

  private async pump(subscription: Subscription, messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      await this.process(subscription, msg).catch((error) => {
        // Never let one message stop the loop; it will be redelivered after ack_wait.
        this.logger.error(
          { err: (error as Error).message, durable: subscription.durable },
          'consumer error',
        );
      });
    }
  }

  private async process(subscription: Subscription, msg: JsMsg): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = this.decode(subscription.event, msg);
    } catch (error) {
      await this.deadLetter(subscription, msg, `INVALID_MESSAGE: ${(error as Error).message}`);
      return;
    }
    const context = {
      requestId: msg.headers?.get(MessageHeaders.requestId) || randomUUID(),
      correlationId: envelope.correlationId,
    };
    await requestContext.run(context, async () => {
      try {
        const applied = await this.apply(subscription, envelope);
        msg.ack();
        messagingMetrics.consumed(subscription.durable, applied ? 'applied' : 'duplicate');
      } catch (error) {
        await this.fail(subscription, msg, error as Error);
      }
    });
  }

  private decode(event: EventDefinition, msg: JsMsg): EventEnvelope {
    let raw: unknown;
    try {
      raw = msg.json();
    } catch {
      throw new PoisonMessageError('body is not JSON');
    }
    const envelope = eventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) throw new PoisonMessageError(summarize(envelope.error.issues));
    if (envelope.data.type !== event.subject) {
      throw new PoisonMessageError(`type ${envelope.data.type} on ${event.subject}`);
    }
    const data = event.schema.safeParse(envelope.data.data);
    if (!data.success) throw new PoisonMessageError(summarize(data.error.issues));
    return { ...envelope.data, data: data.data };
  }

  /** Returns false when the inbox shows the event was already applied. */
  private apply(subscription: Subscription, envelope: EventEnvelope): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, subject) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [subscription.durable, envelope.eventId, envelope.type],
      );
      if (inserted.length === 0) return false;
      await subscription.handler(envelope, manager);
      return true;
    });
  }

  private async fail(subscription: Subscription, msg: JsMsg, error: Error): Promise<void> {
    const attempt = msg.info.deliveryCount;
    // A service it asked not answering is an outage, not a fault of the message: it is retried
    // at the longest backoff until the service is back, never dead-lettered for it.
    if (attempt >= this.maxAttempts && !(error instanceof CommandUnavailableError)) {
      await this.deadLetter(
        subscription,
        msg,
        `HANDLER_FAILED after ${attempt} attempts: ${error.message}`,
      );
      return;
    }
    const delay = this.backoffMs[Math.min(attempt - 1, this.backoffMs.length - 1)];
    this.logger.warn(
      { durable: subscription.durable, attempt, retryInMs: delay, err: error.message },
      'event handler failed; will retry',
    );
    msg.nak(delay);
    messagingMetrics.consumed(subscription.durable, 'retry');
  }

  private async deadLetter(subscription: Subscription, msg: JsMsg, reason: string): Promise<void> {
    const h = natsHeaders();
    for (const [key, values] of msg.headers ?? []) {
      if (!key.toLowerCase().startsWith('nats-')) for (const v of values) h.append(key, v);
    }
    h.set(MessageHeaders.deadLetterReason, reason.slice(0, 1_000));
    h.set(MessageHeaders.deadLetterConsumer, subscription.durable);
    h.set(MessageHeaders.deliveryCount, String(msg.info.deliveryCount));
    await this.js.publish(
      wireNames.deadLetter(
        this.options.namespace,
        this.options.service,
        subscription.event.subject,
      ),
      msg.data,
      { headers: h, msgID: `${subscription.durable}:${msg.info.streamSequence}` },
    );
    msg.term(reason.slice(0, 200));
    messagingMetrics.deadLettered(subscription.durable);
    messagingMetrics.consumed(subscription.durable, 'dead-letter');
    this.logger.error({ durable: subscription.durable, reason }, 'event moved to dead letters');
  }
}

function summarize(issues: Array<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}
