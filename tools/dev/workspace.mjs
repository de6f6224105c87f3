// Shared steps of `npm run up` and `npm test`.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './backing-services.mjs';

// heapMiB caps V8's old space (--max-old-space-size). Uncapped, V8 grows the heap under load long
// before it collects (250–560 MiB RSS measured); capped, each service stays near 200 MiB. The
// manifests and Compose set the same value (tools/deploy-check keeps them equal); statistics and
// leader-message get more for Excel exports and 20 MB workbook imports. semiSpaceMiB, where set,
// shrinks the young generation (--max-semi-space-size, V8's default 16) in the three services that
// held jieba's ≈ 41 MiB native dictionary: 4 MiB semi-spaces took ≈ 30 MiB off petition's peak
// RSS under load at no throughput bench/petition could see, and 17–23 MiB off statistics' and
// leader-message's in bench/services at no loss of latency.
export const SERVICES = [
  { name: 'identity', portVariable: 'IDENTITY_PORT', port: 3107, heapMiB: 128 },
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT', port: 3101, heapMiB: 128 },
  // The tier's segmenter: no database, no migrations, no HTTP API (health and metrics only);
  // before petition, which asks it.
  {
    name: 'text-analyser',
    portVariable: 'TEXT_ANALYSER_PORT',
    port: 3108,
    heapMiB: 96,
    semiSpaceMiB: 4,
    stateless: true,
  },
  { name: 'petition', portVariable: 'PETITION_PORT', port: 3102, heapMiB: 128, semiSpaceMiB: 4 },
  { name: 'video-reception', portVariable: 'VIDEO_RECEPTION_PORT', port: 3103, heapMiB: 128 },
  {
    name: 'statistics',
    portVariable: 'STATISTICS_PORT',
    port: 3104,
    heapMiB: 256,
    semiSpaceMiB: 4,
  },
  {
    name: 'leader-message',
    portVariable: 'LEADER_MESSAGE_PORT',
    port: 3105,
    heapMiB: 256,
    semiSpaceMiB: 4,
  },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT', port: 3106, heapMiB: 128 },
];

/** What every deployment sets on a service beyond the instance's common variables. */
export const DEPLOYED_SETTINGS = {
  // Petition asks the text-analyser rather than loading jieba's dictionary itself.
  petition: { TEXT_ANALYSIS: 'service' },
};

/** NODE_OPTIONS for a service process, with its heap limits. */
export function serviceNodeOptions(service) {
  const young = service.semiSpaceMiB ? ` --max-semi-space-size=${service.semiSpaceMiB}` : '';
  return `--max-old-space-size=${service.heapMiB}${young}`;
}

/** Runs a command with inherited output; rejects on a non-zero exit. */
export function run(command, args, { env = process.env, cwd = REPO_ROOT, stdio = 'inherit' } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code})`)),
    );
  });
}

/** `npm ci` on a fresh clone, or when package-lock.json changed since the last install. */
export async function ensureDependencies(log) {
  const marker = join(REPO_ROOT, 'node_modules', '.package-lock.json');
  const lock = join(REPO_ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing dependencies (npm ci)…');
  await run('npm', ['ci', '--no-audit', '--no-fund']);
}

export const nx = (args, options) =>
  run(join(REPO_ROOT, 'node_modules', '.bin', 'nx'), args, options);
