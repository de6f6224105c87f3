// Makes sure the overlays can be rendered with real kustomize (`kubectl kustomize`, kustomize v5+):
// installs the `kubectl` Debian package when it is missing and we are root. Where no such package
// exists (Debian's own archive has none; `kubernetes-client` is kubectl 1.20 with kustomize 2,
// too old for components and labels), the suite renders with its built-in renderer, which the
// committed renders in k8s/rendered/ keep honest. The choice reaches the workers through
// DEPLOY_CHECK_KUBECTL (a path, or "none").
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MARKER = join(ROOT, '.local', 'deploy-check', 'kubectl-not-installable');
const RETRY_AFTER_MS = 7 * 24 * 3600 * 1000;
const log = (line) => process.stderr.write(`[deploy-check] ${line}\n`);

/** The path of a kubectl whose kustomize is v5 or newer, or null. */
export function usableKubectl() {
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  if (which.status !== 0 || !path) return null;
  const version = spawnSync(path, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  try {
    const major = Number(/^v(\d+)\./.exec(JSON.parse(version.stdout).kustomizeVersion ?? '')?.[1]);
    return major >= 5 ? path : null;
  } catch {
    return null;
  }
}

function tryAptInstall() {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  if (existsSync(MARKER) && Date.now() - statSync(MARKER).mtimeMs < RETRY_AFTER_MS) return false;
  log('kubectl is missing: apt-get update && apt-get install -y kubectl');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) =>
    spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000 });
  apt(['update', '-qq']);
  const install = apt(['install', '-y', '-qq', 'kubectl']);
  if (install.status === 0) return true;
  mkdirSync(dirname(MARKER), { recursive: true });
  writeFileSync(MARKER, `${new Date().toISOString()} apt-get install kubectl failed\n`);
  return false;
}

export default async function globalSetup() {
  if (process.env.DEPLOY_CHECK_KUBECTL) return;
  if (process.env.DEPLOY_CHECK_RENDERER === 'builtin') {
    process.env.DEPLOY_CHECK_KUBECTL = 'none';
    return;
  }
  let kubectl = usableKubectl();
  if (!kubectl && process.env.DEPLOY_CHECK_NO_INSTALL !== '1' && tryAptInstall()) {
    kubectl = usableKubectl();
  }
  if (!kubectl) {
    log('no kubectl with kustomize v5+: rendering with the built-in renderer (src/kustomize)');
  }
  process.env.DEPLOY_CHECK_KUBECTL = kubectl ?? 'none';
}
