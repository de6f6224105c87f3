import { z } from 'zod';
import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { envFields, loadEnv } from '@minsheng/config';
import { serviceDataSourceOptions } from '@minsheng/persistence';
import {
  compareReadModels,
  rebuildReadModels,
  swapReadModels,
} from './rebuild/read-model-rebuild.js';
import { entities, migrations } from './schema.js';

/**
 * `npm run stats:rebuild [-- --swap]`: replays the event history into `<schema>_rebuild`, prints
 * how it differs from the live tables and, with --swap, moves the rebuilt tables in. Swap with the
 * statistics service stopped (its consumers resume from their durable positions afterwards).
 */
const env = loadEnv(
  z.object({
    DATABASE_URL: envFields.postgresUrl(),
    DB_SCHEMA: envFields.identifier().default('statistics'),
    NATS_URL: z.string().default('nats://127.0.0.1:4222'),
    INSTANCE_DIVISION: envFields.divisionCode().default('510000'),
    NATS_NAMESPACE: z.string().optional(),
  }),
);
const namespace = env.NATS_NAMESPACE ?? `ms.${env.INSTANCE_DIVISION}`;
const targetSchema = `${env.DB_SCHEMA}_rebuild`;
const nc = await connect({ servers: env.NATS_URL.split(',') });
const result = await rebuildReadModels({
  databaseUrl: env.DATABASE_URL,
  nc,
  namespace,
  liveSchema: env.DB_SCHEMA,
  targetSchema,
});
await nc.close();
const dataSource = new DataSource({
  ...serviceDataSourceOptions({
    url: env.DATABASE_URL,
    schema: env.DB_SCHEMA,
    entities,
    migrations,
    applicationName: 'statistics-rebuild',
  }),
  logging: false,
});
await dataSource.initialize();
const differences = await compareReadModels(dataSource, env.DB_SCHEMA, targetSchema);
process.stdout.write(
  `statistics rebuild: ${result.fromStreams} events from streams, ${result.fromJournal} from the journal in ${result.millis} ms\n` +
    `rows differing from the live tables: ${JSON.stringify(differences)}\n`,
);
if (process.argv.includes('--swap')) {
  await swapReadModels(dataSource, env.DB_SCHEMA, targetSchema);
  process.stdout.write(`swapped in; previous tables kept in ${env.DB_SCHEMA}_previous\n`);
}
await dataSource.destroy();
