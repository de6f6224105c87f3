import {
  DataSource,
  type DataSourceOptions,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

// TypeORM accepts classes or instances; `Function` is what its own typings use for classes.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type ClassList = Array<Function | string>;

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema; nothing else in the database is touched. */
  schema: string;
  entities: ClassList;
  migrations: Array<new () => MigrationInterface>;
  applicationName: string;
  poolSize?: number;
}

/** One data source per service schema, with its own migrations table, and never `synchronize`. */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      // Every connection resolves unqualified names in the service schema first.
      options: `-c search_path=${options.schema},public`,
      connectionTimeoutMillis: 5_000,
    },
  };
}

/** The schema a migration is running in — migrations qualify every name with it. */
export function migrationSchema(queryRunner: QueryRunner): string {
  const schema = (queryRunner.connection.options as { schema?: string }).schema;
  if (!schema) throw new Error('Service data sources always set a schema');
  return `"${schema}"`;
}

export type MigrationDirection = 'up' | 'down';

/**
 * Creates the schema when missing and applies pending migrations (or reverts the last one).
 * Returns the names of the migrations applied or reverted.
 */
export async function runServiceMigrations(
  options: ServiceDataSourceOptions,
  direction: MigrationDirection = 'up',
): Promise<string[]> {
  const dataSource = new DataSource({ ...serviceDataSourceOptions(options), logging: false });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    if (direction === 'up') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    }
    const before = await dataSource.query(
      `SELECT name FROM "${options.schema}".migrations ORDER BY id DESC LIMIT 1`,
    );
    await dataSource.undoLastMigration({ transaction: 'each' });
    return before.map((row: { name: string }) => row.name);
  } finally {
    await dataSource.destroy();
  }
}
