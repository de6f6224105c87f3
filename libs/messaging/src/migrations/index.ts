import { CreateMessagingTables1764400000000 } from './1764400000000-create-messaging-tables.js';
import { IndexInboxByProcessedAt1764400010000 } from './1764400010000-index-inbox-by-processed-at.js';

export { CreateMessagingTables1764400000000, IndexInboxByProcessedAt1764400010000 };

/**
 * The outbox's and the inbox's migrations, first in every service's list. Their timestamps sit
 * before any service's own (TypeORM runs pending migrations in timestamp order, whenever they were
 * written), so that on a new database a service's newest migration is still the last one run —
 * the one `migrate -- --down` reverts.
 */
export const messagingMigrations = [
  CreateMessagingTables1764400000000,
  IndexInboxByProcessedAt1764400010000,
];
