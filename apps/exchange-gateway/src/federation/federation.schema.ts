import { CreateFederationTables1765200000000 } from './migrations/1765200000000-create-federation-tables.js';
import { CreateFederationStatisticsCopy1765200200000 } from './migrations/1765200200000-create-federation-statistics-copy.js';

// The federation works on its tables with SQL (locks, ON CONFLICT, ordering), not entities.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const federationEntities: Function[] = [];
export const federationMigrations = [
  CreateFederationTables1765200000000,
  CreateFederationStatisticsCopy1765200200000,
];
