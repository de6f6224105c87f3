#!/usr/bin/env node
// Runs a command with DATABASE_URL, NATS_URL and REDIS_URL set, resolving (and if needed starting)
// the backing services when the environment does not name them. Used by Nx targets such as
// `nx run petition:migrate`.  Usage: node tools/dev/with-services.mjs <command> [args…]
import { spawn } from 'node:child_process';
import { ensureBackingServices } from './backing-services.mjs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node tools/dev/with-services.mjs <command> [args…]\n');
  process.exit(2);
}
const env = { ...process.env };
if (!env.DATABASE_URL || !env.NATS_URL || !env.REDIS_URL) {
  const backing = await ensureBackingServices({ log: (line) => process.stderr.write(`${line}\n`) });
  env.DATABASE_URL ??= backing.databaseUrl;
  env.NATS_URL ??= backing.natsUrl;
  env.REDIS_URL ??= backing.redisUrl;
}
const child = spawn(command, args, { env, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
