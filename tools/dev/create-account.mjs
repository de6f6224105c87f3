#!/usr/bin/env node
// `npm run create-account -- --username sec-admin --role security-admin --division 510000`
// Runs identity's bootstrap command against the development instance (its database and keys).
// The password is read from IDENTITY_BOOTSTRAP_PASSWORD, or asked for when that is unset.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { REPO_ROOT, ensureBackingServices } from './backing-services.mjs';
import { devSecretsEnv } from './dev-keys.mjs';
import { nx, run } from './workspace.mjs';

async function password() {
  if (process.env.IDENTITY_BOOTSTRAP_PASSWORD) return process.env.IDENTITY_BOOTSTRAP_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question('password for the new account (≥ 12 characters, 3 kinds): ');
  rl.close();
  return answer;
}

const backing = await ensureBackingServices({ log: () => {} });
const env = {
  ...process.env,
  ...(await devSecretsEnv()),
  DATABASE_URL: process.env.DATABASE_URL ?? backing.databaseUrl,
};
const quiet = ['ignore', 'ignore', 2];
await nx(['run', 'identity:build', '--output-style=static'], {
  env: { ...env, NX_TUI: 'false' },
  stdio: quiet,
});
// On a fresh database the identity schema does not exist yet.
await run(process.execPath, [join('apps', 'identity', 'dist', 'migrate.js')], {
  env,
  stdio: quiet,
});
const cli = join('apps', 'identity', 'dist', 'cli.js');
const child = spawn(process.execPath, [cli, 'create-account', ...process.argv.slice(2)], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
  env: { ...env, IDENTITY_BOOTSTRAP_PASSWORD: await password() },
});
child.on('exit', (code) => process.exit(code ?? 1));
