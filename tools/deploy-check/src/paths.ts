import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is tools/deploy-check/{src,dist}/paths.*). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const K8S_DIR = join(REPO_ROOT, 'k8s');
export const DOCKER_DIR = join(REPO_ROOT, 'docker');
export const RENDERED_DIR = join(K8S_DIR, 'rendered');
export const FIXTURES_DIR = join(REPO_ROOT, 'tools', 'deploy-check', 'fixtures');

export const overlayDir = (tier: string): string => join(K8S_DIR, 'overlays', tier);
export const renderedFile = (tier: string): string => join(RENDERED_DIR, `${tier}.yaml`);
