#!/usr/bin/env node
// Usage: node tools/dev/services.mjs ensure|stop|status
//   ensure  find or start PostgreSQL, NATS and Redis; KEY=value URLs on stdout and in
//           .local/services.env, human-readable lines on stderr
//   stop    stop the project-local servers under .local/services/
//   status  show what each service resolves to, without starting anything

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  REPO_ROOT,
  ensureBackingServices,
  inspectBackingServices,
  stopLocalServices,
} from './backing-services.mjs';

const ENV_FILE = join(REPO_ROOT, '.local', 'services.env');

const commands = {
  async ensure() {
    const { databaseUrl, natsUrl, redisUrl } = await ensureBackingServices();
    const text = `DATABASE_URL=${databaseUrl}\nNATS_URL=${natsUrl}\nREDIS_URL=${redisUrl}\n`;
    mkdirSync(dirname(ENV_FILE), { recursive: true });
    // 0600 because URLs taken from the environment may carry passwords.
    writeFileSync(ENV_FILE, text, { mode: 0o600 });
    process.stdout.write(text);
  },
  async stop() {
    await stopLocalServices();
  },
  async status() {
    for (const { name, source, url, state } of await inspectBackingServices()) {
      console.log(`${name}: ${source}${url ? ` ${url}` : ''} (${state})`);
    }
  },
};

const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node tools/dev/services.mjs ensure|stop|status');
  process.exit(2);
}
try {
  await command();
} catch (error) {
  console.error(`services: ${error.message}`);
  process.exit(1);
}
