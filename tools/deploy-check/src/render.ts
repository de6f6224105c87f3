import { spawnSync } from 'node:child_process';
import { renderKustomization } from './kustomize/builtin-renderer.js';
import { parseKubeObjects, objectId, type KubeObject } from './yaml-documents.js';

export type Renderer = { name: 'kubectl'; path: string } | { name: 'builtin' };

/** `kubectl` (path) when its kustomize is v5+, else null. */
export function findKubectl(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  const path = which.stdout.trim();
  if (which.status !== 0 || !path) return null;
  const version = spawnSync(path, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  try {
    const kustomize = String(JSON.parse(version.stdout).kustomizeVersion ?? '');
    return Number(/^v(\d+)\./.exec(kustomize)?.[1]) >= 5 ? path : null;
  } catch {
    return null;
  }
}

/**
 * The renderer to use: DEPLOY_CHECK_KUBECTL (set by the Jest global setup: a path, or "none"),
 * else a kubectl found on PATH, else the built-in one.
 */
export function chooseRenderer(env: NodeJS.ProcessEnv = process.env): Renderer {
  const chosen = env.DEPLOY_CHECK_KUBECTL;
  if (chosen === 'none' || env.DEPLOY_CHECK_RENDERER === 'builtin') return { name: 'builtin' };
  const path = chosen || findKubectl();
  return path ? { name: 'kubectl', path } : { name: 'builtin' };
}

/** Renders a kustomization directory to its objects. */
export function render(dir: string, renderer: Renderer = chooseRenderer()): KubeObject[] {
  if (renderer.name === 'builtin') return renderKustomization(dir);
  const result = spawnSync(renderer.path, ['kustomize', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr.trim()}`);
  }
  return parseKubeObjects(result.stdout, `kubectl kustomize ${dir}`);
}

/**
 * What differs between two renders, compared as objects (order and formatting aside): objects
 * only in one of them, and objects whose content differs (with the first differing path).
 */
export function diffRenders(expected: KubeObject[], actual: KubeObject[]): string[] {
  const index = (objects: KubeObject[]) => new Map(objects.map((o) => [objectId(o), o]));
  const left = index(expected);
  const right = index(actual);
  const differences: string[] = [];
  for (const [id, object] of left) {
    const other = right.get(id);
    if (!other) differences.push(`${id}: missing`);
    else {
      const path = firstDifference(object, other, '');
      if (path !== null) differences.push(`${id}: differs at ${path || '/'}`);
    }
  }
  for (const id of right.keys()) if (!left.has(id)) differences.push(`${id}: unexpected`);
  return differences;
}

function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (length ${a.length} ≠ ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i], b[i], `${path}/${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of [...keys].sort()) {
      const found = firstDifference(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        `${path}/${key}`,
      );
      if (found !== null) return found;
    }
    return null;
  }
  return a === b ? null : path;
}
