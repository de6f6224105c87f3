import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { federationEntities, federationMigrations } from './federation/federation.schema.js';
import { integratorEntities, integratorMigrations } from './integrator/integrator.schema.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [...federationEntities, ...integratorEntities];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  ...federationMigrations,
  ...integratorMigrations,
];
