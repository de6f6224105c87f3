import { ExchangeChangeEntity } from '../feed/exchange-change.entity.js';
import { TrackedCaseEntity } from '../feed/tracked-case.entity.js';
import { WebhookAttemptEntity } from '../webhook/webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from '../webhook/webhook-delivery.entity.js';
import { WebhookSubscriptionEntity } from '../webhook/webhook-subscription.entity.js';
import { ComplaintSubmissionEntity } from './complaint-submission.entity.js';
import { IdempotencyRecordEntity } from './idempotency-record.entity.js';
import { IntegratorClientEntity } from './integrator-client.entity.js';
import { CreateIntegratorTables1765100000000 } from './migrations/1765100000000-create-integrator-tables.js';
import { CreateOrganDirectory1765100100000 } from './migrations/1765100100000-create-organ-directory.js';

/** The integrator API's tables (Part B of the exchange), spread into the app's schema. */
export const integratorEntities = [
  IntegratorClientEntity,
  ComplaintSubmissionEntity,
  IdempotencyRecordEntity,
  ExchangeChangeEntity,
  TrackedCaseEntity,
  WebhookSubscriptionEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];
export const integratorMigrations = [
  CreateIntegratorTables1765100000000,
  CreateOrganDirectory1765100100000,
];
