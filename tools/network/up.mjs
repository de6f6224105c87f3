#!/usr/bin/env node
// `npm run up:network [-- --all]`: the three-tier network on one machine — province 510000, city
// 510100, county 510104 — each instance with its own NATS server (leafnodes, JetStream domain =
// division), Postgres schemas, Redis database, keys and ports (docs/exchange.md, "Local network").
// Ctrl-C stops everything this run started.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, ensureBackingServices } from '../dev/backing-services.mjs';
import { DEV_PRIVATE_KEY_FILE, devSecretsEnv } from '../dev/dev-keys.mjs';
import { ensureDependencies, nx, run } from '../dev/workspace.mjs';
import { localPorts } from './nats-config.mjs';
import { NatsNetwork } from './nats-network.mjs';
import {
  NETWORK_DIVISIONS,
  NETWORK_SERVICES,
  OTHER_SERVICES,
  instanceEnv,
  makeSecrets,
} from './network-plan.mjs';

const log = (line) => process.stdout.write(`[up:network] ${line}\n`);
const HOME = join(REPO_ROOT, '.local', 'network');
const children = [];
let network;
let stopping = false;

async function main() {
  const services = process.argv.includes('--all')
    ? [...NETWORK_SERVICES, ...OTHER_SERVICES]
    : NETWORK_SERVICES;
  await ensureDependencies(log);
  const backing = await ensureBackingServices({ log });
  const dev = await devSecretsEnv();
  if (!process.argv.includes('--no-build')) {
    log('building (cached by Nx)…');
    await nx(['run-many', '-t', 'build', '--output-style=static']);
  }
  mkdirSync(HOME, { recursive: true });
  const secretsFile = join(HOME, 'secrets.json');
  if (!existsSync(secretsFile)) {
    writeFileSync(secretsFile, JSON.stringify(makeSecrets(), null, 2), { mode: 0o600 });
  }
  const secrets = JSON.parse(readFileSync(secretsFile, 'utf8'));

  network = new NatsNetwork(NETWORK_DIVISIONS, join(HOME, 'nats'));
  log('starting the NATS servers (leafnodes county → city → province)…');
  await network.start();

  const common = {
    NODE_ENV: 'development',
    AUTH_ISSUER: dev.AUTH_ISSUER,
    AUTH_AUDIENCE: dev.AUTH_AUDIENCE,
    JITSI_APP_SECRET: dev.JITSI_APP_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  for (const [index, instance] of network.instances.entries()) {
    const { httpBase } = localPorts(index);
    const identityPort = httpBase + 7;
    const envOf = instanceEnv({
      instance,
      index,
      portOf: (service) => httpBase + service.offset,
      backing: { DATABASE_URL: backing.databaseUrl, REDIS_URL: backing.redisUrl },
      secrets,
      common: {
        ...common,
        AUTH_JWKS_URL: `http://127.0.0.1:${identityPort}/.well-known/jwks.json`,
      },
    });
    for (const service of services) {
      const env = { ...process.env, ...envOf(service) };
      if (service.name === 'identity') {
        delete env.AUTH_JWKS_URL;
        env.AUTH_PUBLIC_KEY_FILE = dev.AUTH_PUBLIC_KEY_FILE;
        env.IDENTITY_SIGNING_KEY_FILE = DEV_PRIVATE_KEY_FILE;
      }
      await run('node', [join('apps', service.name, 'dist', 'migrate.js')], { env });
      await startService(instance.division, service, env, httpBase + service.offset);
    }
  }
  log('the network is up:');
  for (const [index, instance] of network.instances.entries()) {
    const { httpBase, nats } = localPorts(index);
    log(
      `  ${instance.division}  NATS nats://127.0.0.1:${nats}  intake http://127.0.0.1:${httpBase + 1}  petition :${httpBase + 2}  exchange-gateway :${httpBase + 6}`,
    );
  }
  log('logs: .local/network/logs/<division>-<service>.log · press Ctrl-C to stop');
}

async function startService(division, service, env, port) {
  const logDir = join(HOME, 'logs');
  mkdirSync(logDir, { recursive: true });
  const out = createWriteStream(join(logDir, `${division}-${service.name}.log`), { flags: 'a' });
  const child = spawn('node', [join('apps', service.name, 'dist', 'main.js')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      log(`${division} ${service.name} exited (${signal ?? code}); see its log`);
      void shutdown(1);
    }
  });
  children.push(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${division} ${service.name} exited during start-up`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${division} ${service.name} was not ready within 60 s`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  await network?.stop();
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error) => {
  log(`failed: ${error.message}`);
  await shutdown(1);
});
