import { CreateFederationTables1765200000000 } from './migrations/1765200000000-create-federation-tables.js';
import { CreateFederationPendingReports1765200100000 } from './migrations/1765200100000-create-federation-pending-reports.js';
import { CreateFederationStatisticsCopy1765200200000 } from './migrations/1765200200000-create-federation-statistics-copy.js';

// The federation works on its tables with SQL (locks, ON CONFLICT, ordering), not entities.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const federationEntities: Function[] = [];
export const federationMigrations = [
  CreateFederationTables1765200000000,
  CreateFederationPendingReports1765200100000,
  CreateFederationStatisticsCopy1765200200000,
];
