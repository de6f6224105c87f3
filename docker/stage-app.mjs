#!/usr/bin/env node
// Stages one built service for its image: `node docker/stage-app.mjs <app> <out-dir> [repo-root]`.
// Copies apps/<app>/dist and, for every @minsheng/* library the compiled code imports (followed
// transitively through the libraries' own dist), libs/<lib>/package.json and libs/<lib>/dist.
// Reading the compiled output rather than the Nx project graph matters: the graph also holds the
// test-only libraries (testing, service-harness) that specs import, which must not ship.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"]@minsheng\/([a-z0-9-]+)['"]/g;

/** Every .js file under dir. */
function jsFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...jsFiles(path));
    else if (entry.endsWith('.js') || entry.endsWith('.mjs')) files.push(path);
  }
  return files;
}

function importedLibraries(dir) {
  const libs = new Set();
  for (const file of jsFiles(dir)) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) libs.add(match[1]);
  }
  return libs;
}

/** The libraries an app needs at run time, in the order they were found. */
export function librariesFor(root, app) {
  const appDist = join(root, 'apps', app, 'dist');
  if (!existsSync(join(appDist, 'main.js'))) {
    throw new Error(
      `apps/${app}/dist/main.js not found: build the service first (nx run ${app}:build)`,
    );
  }
  const needed = [];
  const queue = [...importedLibraries(appDist)];
  while (queue.length > 0) {
    const lib = queue.shift();
    if (needed.includes(lib)) continue;
    const libDist = join(root, 'libs', lib, 'dist');
    if (!existsSync(libDist))
      throw new Error(`@minsheng/${lib} is imported but libs/${lib}/dist is missing`);
    needed.push(lib);
    queue.push(...importedLibraries(libDist));
  }
  return needed;
}

export function stageApp(root, app, out) {
  const libs = librariesFor(root, app);
  mkdirSync(out, { recursive: true });
  const copy = (path) => cpSync(join(root, path), join(out, path), { recursive: true });
  copy(join('apps', app, 'dist'));
  for (const lib of libs) {
    copy(join('libs', lib, 'package.json'));
    copy(join('libs', lib, 'dist'));
  }
  return libs;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const [app, out, root = process.cwd()] = process.argv.slice(2);
  if (!app || !out) {
    process.stderr.write('usage: node docker/stage-app.mjs <app> <out-dir> [repo-root]\n');
    process.exit(64);
  }
  const libs = stageApp(resolve(root), app, resolve(out));
  process.stdout.write(`staged ${app} with ${libs.map((l) => `@minsheng/${l}`).join(', ')}\n`);
}
