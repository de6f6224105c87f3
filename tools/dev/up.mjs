#!/usr/bin/env node
// `npm run up`: dependencies, backing services, dev keys, build, migrations, then every service.
// Ctrl-C stops the services, and the backing services if this run started them.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  REPO_ROOT,
  ensureBackingServices,
  stopLocalServices,
  waitForTcp,
} from './backing-services.mjs';
import { DEV_PRIVATE_KEY_FILE, devSecretsEnv } from './dev-keys.mjs';
import {
  DEPLOYED_SETTINGS,
  SERVICES,
  ensureDependencies,
  nx,
  run,
  serviceNodeOptions,
} from './workspace.mjs';

const log = (line) => process.stdout.write(`[up] ${line}\n`);
const LOG_DIR = join(REPO_ROOT, '.local', 'logs');
const children = [];
let stopping = false;
let backingStartedHere = false;

async function main() {
  await ensureDependencies(log);
  const backing = await ensureBackingServices({
    log: (line) => {
      if (/\((started|restarted)\b/.test(line)) backingStartedHere = true;
      log(line);
    },
  });
  const secrets = await devSecretsEnv();
  log('building (cached by Nx)…');
  await nx(['run-many', '-t', 'build', '--output-style=static']);

  const env = {
    ...process.env,
    DATABASE_URL: backing.databaseUrl,
    NATS_URL: backing.natsUrl,
    REDIS_URL: backing.redisUrl,
    // Secrets from the environment win over the generated dev ones.
    ...Object.fromEntries(Object.entries(secrets).filter(([key]) => !process.env[key])),
  };
  for (const service of SERVICES.filter((s) => !s.stateless)) {
    await run('node', [join('apps', service.name, 'dist', 'migrate.js')], { env });
  }
  // `--demo`: a small synthetic data set (tools/seed), once; a second `up --demo` finds it there.
  if (process.argv.includes('--demo')) {
    await run(
      'node',
      [join('tools', 'seed', 'dist', 'seed-cli.js'), '--cases', '2000', '--if-empty'],
      {
        env,
      },
    );
  }

  mkdirSync(LOG_DIR, { recursive: true });
  const host = '127.0.0.1';
  for (const service of SERVICES) {
    const port = Number(env[service.portVariable] ?? service.port);
    if (
      await waitForTcp(host, port, 200).then(
        () => true,
        () => false,
      )
    ) {
      throw new Error(
        `port ${port} (${service.name}) is already in use — is the platform already up?`,
      );
    }
    const out = createWriteStream(join(LOG_DIR, `${service.name}.log`), { flags: 'a' });
    const child = spawn('node', [join('apps', service.name, 'dist', 'main.js')], {
      cwd: REPO_ROOT,
      env: {
        ...env,
        ...trustFor(service.name, env),
        ...DEPLOYED_SETTINGS[service.name],
        [service.portVariable]: String(port),
        NODE_OPTIONS: serviceNodeOptions(service),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log(`${service.name} exited (${signal ?? code}); see .local/logs/${service.name}.log`);
        void shutdown(1);
      }
    });
    children.push({ ...service, port, child });
  }

  await Promise.all(children.map((s) => waitUntilReady(s)));
  const web = await startWeb(env, host);
  const services = children.filter((s) => s.name !== 'web');
  log(`all ${services.length} services are ready:`);
  for (const s of services) {
    const docs = s.stateless ? 'health and metrics only' : `docs http://${host}:${s.port}/api/docs`;
    log(`  ${s.name.padEnd(17)} http://${host}:${s.port}   ${docs}`);
  }
  log(
    `  web (portal and console) http://${host}:${web.port}   staff: http://${host}:${web.port}/console`,
  );
  log(
    `logs: .local/logs/<service>.log · a staff token: npm run token -- --role clerk --division 510104`,
  );
  log('press Ctrl-C to stop');
}

/** The built web app (apps/web/dist) with every service's API on its origin (WEB_PORT, 3100). */
async function startWeb(env, host) {
  const port = Number(env.WEB_PORT ?? 3100);
  const out = createWriteStream(join(LOG_DIR, 'web.log'), { flags: 'a' });
  const child = spawn('node', [join('apps', 'web', 'server', 'serve.mjs')], {
    cwd: REPO_ROOT,
    env: { ...env, WEB_PORT: String(port), WEB_HOST: host },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`web exited (${signal ?? code}); see .local/logs/web.log`);
      void shutdown(1);
    }
  });
  children.push({ name: 'web', port, child });
  await waitForTcp(host, port, 15_000);
  return { port };
}

/**
 * identity signs with the dev key and verifies its own tokens with the public half; every other
 * service trusts identity's JWKS, as in production.
 */
function trustFor(name, env) {
  if (name === 'identity')
    return { IDENTITY_SIGNING_KEY_FILE: env.IDENTITY_SIGNING_KEY_FILE ?? DEV_PRIVATE_KEY_FILE };
  if (env.AUTH_JWKS_URL) return {};
  const identityPort = env.IDENTITY_PORT ?? '3107';
  return { AUTH_JWKS_URL: `http://127.0.0.1:${identityPort}/.well-known/jwks.json` };
}

async function waitUntilReady({ name, port, child }) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} was not ready within 60 s; see .local/logs/${name}.log`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      ({ child }) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  if (backingStartedHere) await stopLocalServices({ log });
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  log(`failed: ${error.message}`);
  await shutdown(1);
});
