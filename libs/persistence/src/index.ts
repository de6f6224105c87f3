export { SnakeNamingStrategy } from './snake-naming.strategy.js';
export {
  serviceDataSourceOptions,
  runServiceMigrations,
  migrationSchema,
  type ServiceDataSourceOptions,
  type MigrationDirection,
} from './service-data-source.js';
export { inTransaction, isUniqueViolation } from './transactions.js';
export { SqlParams, divisionSubtree, cursorInstant, PLAIN_INDEX_SCAN } from './sql-fragments.js';
export { WriteBatch, type AfterWrite } from './write-batch.js';
export { GroupCommit, GroupCommitWaitExceeded, type GroupCommitOptions } from './group-commit.js';
export { CommitSignal } from './commit-signal.js';
export { PeriodicTask, type PeriodicTaskOptions } from './periodic-task.js';
