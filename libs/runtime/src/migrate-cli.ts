import { z } from 'zod';
import type { MigrationInterface } from 'typeorm';
import { envFields, loadEnv } from '@minsheng/config';
import { DataSource } from 'typeorm';
import { FieldCipher, keyringFromEnv } from '@minsheng/crypto';
import { runServiceMigrations, serviceDataSourceOptions } from '@minsheng/persistence';
import { rotateFieldKeys, type EncryptedColumns } from './rotate-field-keys.js';

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

/**
 * `node dist/rotate-field-keys.js` for one service: re-encrypts its personal-data columns under the
 * active field key (FIELD_ENCRYPTION_ACTIVE_KEY).
 */
export async function runKeyRotationCli(
  service: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[],
  targets: EncryptedColumns[],
): Promise<void> {
  const env = loadEnv(
    z.object({
      DATABASE_URL: envFields.postgresUrl(),
      DB_SCHEMA: envFields.identifier().default(service.replace(/-/g, '_')),
      FIELD_ENCRYPTION_KEYS: z.string().min(1),
      FIELD_ENCRYPTION_ACTIVE_KEY: z.string().min(1),
    }),
  );
  const cipher = new FieldCipher(
    keyringFromEnv(env.FIELD_ENCRYPTION_KEYS, env.FIELD_ENCRYPTION_ACTIVE_KEY),
  );
  const dataSource = new DataSource(
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: env.DB_SCHEMA,
      entities,
      migrations: [],
      applicationName: `${service}-rotate-keys`,
    }),
  );
  await dataSource.initialize();
  try {
    const rewritten = await rotateFieldKeys(dataSource, env.DB_SCHEMA, cipher, targets);
    process.stdout.write(
      `${service}: ${rewritten} rows re-encrypted under key ${cipher.activeKeyId}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}
