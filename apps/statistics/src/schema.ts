import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { CreateStatisticsReadModels1764403000000 } from './migrations/1764403000000-create-statistics-read-models.js';
import { AddChildRollupsAndSuggestions1765300000000 } from './migrations/1765300000000-add-child-rollups-and-suggestions.js';
import { TakeComplaintKeywordsFromCases1765400000000 } from './migrations/1765400000000-take-complaint-keywords-from-cases.js';

// The read models are written with SQL (additive upserts, bulk COPY in the bench): no entities.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  CreateStatisticsReadModels1764403000000,
  AddChildRollupsAndSuggestions1765300000000,
  TakeComplaintKeywordsFromCases1765400000000,
];
