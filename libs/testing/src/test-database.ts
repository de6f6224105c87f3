import pg from 'pg';
import type { MigrationInterface } from 'typeorm';
import { runServiceMigrations } from '@minsheng/persistence';
import { backingServices } from './backing-services.js';
import { uniqueSuffix } from './unique-names.js';

/**
 * A schema of the suite's own, migrated with the service's real migrations and dropped at the
 * end, so tests never touch a developer's data or each other's.
 */
export class TestSchema {
  private constructor(
    readonly name: string,
    private readonly client: pg.Client,
  ) {}

  static async create(
    service: string,
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: Function[],
    migrations: Array<new () => MigrationInterface>,
  ): Promise<TestSchema> {
    const { databaseUrl } = backingServices();
    const name = `t_${uniqueSuffix()}_${service.replace(/-/g, '_')}`;
    await runServiceMigrations({
      url: databaseUrl,
      schema: name,
      entities,
      migrations,
      applicationName: 'test',
    });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new TestSchema(name, client);
  }

  /** Wraps a schema created some other way (e.g. by a service's own migrate command). */
  static async attach(name: string): Promise<TestSchema> {
    const client = new pg.Client({ connectionString: backingServices().databaseUrl });
    await client.connect();
    return new TestSchema(name, client);
  }

  /**
   * Runs migrations on this schema: every pending one of `migrations` (up), or the last applied
   * one (down). Returns the names run, for migration tests that start from an earlier shape.
   */
  migrate(
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
    entities: Function[],
    migrations: Array<new () => MigrationInterface>,
    direction: 'up' | 'down' = 'up',
  ): Promise<string[]> {
    return runServiceMigrations(
      {
        url: backingServices().databaseUrl,
        schema: this.name,
        entities,
        migrations,
        applicationName: 'test',
      },
      direction,
    );
  }

  /** Runs SQL with this schema first on the search path. */
  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.client.query(`SET search_path TO "${this.name}"`);
    return (await this.client.query(sql, params)).rows as T[];
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${table}" WHERE ${where}`,
      params,
    );
    return Number(row.n);
  }

  async drop(): Promise<void> {
    await this.client.query(`DROP SCHEMA IF EXISTS "${this.name}" CASCADE`);
    await this.client.end();
  }
}
