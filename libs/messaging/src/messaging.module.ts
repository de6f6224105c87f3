import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HealthRegistry } from '@minsheng/observability';
import { CommandClient } from './commands/command-client.js';
import { EventConsumerHost } from './inbox/event-consumer-host.js';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from './messaging.options.js';
import { EventPublisher } from './outbox/event-publisher.js';
import { OutboxCommitSignal } from './outbox/outbox-commit-signal.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { MessagingRetention } from './retention/messaging-retention.js';
import { DerivedEventPublisher } from './streams/derived-event-publisher.js';
import { JetStreamPublisher } from './streams/jetstream-publisher.js';
import { StreamProvisioner } from './streams/stream-provisioner.js';

/**
 * Durable events and typed commands for one service. Needs a TypeORM DataSource (the service's
 * schema, with `messagingMigrations` applied) and the observability module's HealthRegistry.
 */
@Global()
@Module({})
export class MessagingModule implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly publisher: JetStreamPublisher,
    health: HealthRegistry,
  ) {
    health.register('nats', async () => {
      if (nc.isClosed()) throw new Error('connection closed');
      await nc.flush();
      await (await jetstreamManager(nc)).getAccountInfo();
    });
  }

  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: NATS_CONNECTION,
          useFactory: () =>
            connect({
              servers: options.servers,
              name: options.service,
              ...(options.tls ? { tls: options.tls } : {}),
              maxReconnectAttempts: -1,
              reconnectTimeWait: 500,
              // Otherwise every request — each JetStream publish of the relay — captures a stack
              // trace in case it fails: about 1 % of intake's CPU under load.
              noAsyncTraces: true,
            }),
        },
        // One per connection, shared by every relay of the process: one reply subscription.
        {
          provide: JetStreamPublisher,
          useFactory: (nc: NatsConnection) => new JetStreamPublisher(nc),
          inject: [NATS_CONNECTION],
        },
        StreamProvisioner,
        OutboxCommitSignal,
        EventPublisher,
        DerivedEventPublisher,
        OutboxRelay,
        EventConsumerHost,
        CommandClient,
        MessagingRetention,
      ],
      exports: [
        NATS_CONNECTION,
        MESSAGING_OPTIONS,
        EventPublisher,
        DerivedEventPublisher,
        CommandClient,
        OutboxRelay,
        JetStreamPublisher,
      ],
    };
  }

  // Runs after every beforeApplicationShutdown hook, so the relay and consumers have stopped.
  async onApplicationShutdown(): Promise<void> {
    this.publisher.close();
    if (!this.nc.isClosed()) await this.nc.drain();
  }
}
