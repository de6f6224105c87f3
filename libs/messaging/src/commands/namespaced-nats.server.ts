import { ServerNats, type NatsOptions } from '@nestjs/microservices';

type ServerOptions = NonNullable<NatsOptions['options']>;
type NatsClient = Parameters<ServerNats['bindEvents']>[0];
type Subscription = ReturnType<NatsClient['subscribe']>;

/**
 * Nest's NATS server, subscribing each `@MessagePattern` under the instance namespace so that
 * instances linked by leafnodes answer only their own commands. Patterns stay as in contracts.
 */
export class NamespacedNatsServer extends ServerNats {
  private readonly namespacedSubscriptions: Subscription[] = [];

  constructor(
    private readonly serverOptions: ServerOptions,
    private readonly namespace: string,
  ) {
    super(serverOptions);
  }

  override bindEvents(client: NatsClient): void {
    const defaultQueue = this.serverOptions.queue;
    for (const [pattern, handlerRef] of this.messageHandlers) {
      const queue = (handlerRef.extras?.queue as string | undefined) ?? defaultQueue;
      const subscription = client.subscribe(`${this.namespace}.${pattern}`, {
        queue,
        callback: this.getMessageHandler(pattern).bind(this),
      });
      this.namespacedSubscriptions.push(subscription);
    }
  }

  override async close(): Promise<void> {
    // Stop taking new commands first; the parent's grace period lets in-flight ones answer.
    for (const subscription of this.namespacedSubscriptions.splice(0)) subscription.unsubscribe();
    await super.close();
  }
}
