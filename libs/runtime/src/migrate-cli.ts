import { z } from 'zod';
import type { MigrationInterface } from 'typeorm';
import { envFields, loadEnv } from '@minsheng/config';
import { runServiceMigrations } from '@minsheng/persistence';

/**
 * `node dist/migrate.js [up|down]` for one service: applies its pending migrations to its own
 * schema (creating the schema), or reverts the last one.
 */
export async function runMigrationsCli(
  service: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
  migrations: Array<new () => MigrationInterface>,
): Promise<void> {
  const env = loadEnv(
    z.object({
      DATABASE_URL: envFields.postgresUrl(),
      DB_SCHEMA: envFields.identifier().default(service.replace(/-/g, '_')),
    }),
  );
  const direction = process.argv[2] === 'down' ? 'down' : 'up';
  const names = await runServiceMigrations(
    {
      url: env.DATABASE_URL,
      schema: env.DB_SCHEMA,
      entities,
      migrations,
      applicationName: `${service}-migrate`,
    },
    direction,
  );
  const verb = direction === 'up' ? 'applied' : 'reverted';
  process.stdout.write(
    `${service}: ${names.length ? `${verb} ${names.join(', ')}` : 'schema up to date'} (schema ${env.DB_SCHEMA})\n`,
  );
}
