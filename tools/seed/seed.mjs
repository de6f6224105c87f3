#!/usr/bin/env node
// `npm run seed -- --cases N [--seed S] [--division 510000]`: the development instance's backing
// services and keys, the seed tool and the two services' migrations built (Nx cache), the petition
// and complaint-intake schemas migrated, then tools/seed/dist/seed-cli.js with the arguments.
import { join } from 'node:path';
import { ensureBackingServices } from '../dev/backing-services.mjs';
import { devSecretsEnv } from '../dev/dev-keys.mjs';
import { nx, run } from '../dev/workspace.mjs';

const backing = await ensureBackingServices({ log: () => {} });
const secrets = await devSecretsEnv();
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? backing.databaseUrl,
  NATS_URL: process.env.NATS_URL ?? backing.natsUrl,
  REDIS_URL: process.env.REDIS_URL ?? backing.redisUrl,
  // The instance's own secrets win over the generated development ones.
  ...Object.fromEntries(Object.entries(secrets).filter(([key]) => !process.env[key])),
  NX_TUI: 'false',
};
const quiet = ['ignore', 'ignore', 2];
await nx(
  [
    'run-many',
    '-t',
    'build',
    '-p',
    'seed',
    'petition',
    'complaint-intake',
    '--output-style=static',
  ],
  {
    env,
    stdio: quiet,
  },
);
for (const service of ['petition', 'complaint-intake']) {
  await run(process.execPath, [join('apps', service, 'dist', 'migrate.js')], { env, stdio: quiet });
}
await run(
  process.execPath,
  [join('tools', 'seed', 'dist', 'seed-cli.js'), ...process.argv.slice(2)],
  {
    env,
  },
);
