export { MessagingModule } from './messaging.module.js';
export { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from './messaging.options.js';
export { EventPublisher, type PublishOptions } from './outbox/event-publisher.js';
export { DerivedEventPublisher, type DerivedEvent } from './streams/derived-event-publisher.js';
export { OutboxRelay } from './outbox/outbox-relay.js';
export { DrainLoop, type DrainLoopOptions } from './outbox/drain-loop.js';
export { publishOutboxBatch, type OutboxTable } from './outbox/outbox-batch.js';
export {
  JetStreamPublishError,
  JetStreamPublisher,
  type JetStreamPublishOptions,
  type PublishAck,
} from './streams/jetstream-publisher.js';
export { OnEvent, type OnEventOptions } from './inbox/on-event.decorator.js';
export {
  CommandClient,
  CommandFailedError,
  CommandUnavailableError,
  type RequestOptions,
} from './commands/command-client.js';
export { NamespacedNatsServer } from './commands/namespaced-nats.server.js';
export {
  CreateMessagingTables1764400000000,
  IndexInboxByProcessedAt1764400010000,
  messagingMigrations,
} from './migrations/index.js';
export {
  MessagingRetention,
  DEFAULT_OUTBOX_RETENTION_DAYS,
  type PruneResult,
} from './retention/messaging-retention.js';
// Defined with the contracts, where a process that loads only them can use it too.
export { wireNames } from '@minsheng/contracts';
export { messagingMetrics } from './messaging-metrics.js';
