import { existsSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_DIR } from './paths.js';

type StageApp = (root: string, app: string, out: string) => string[];

/** A tiny workspace: app → runtime → config, and a test-only lib the app's specs would use. */
function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'stage-app-'));
  const file = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  file('apps/demo/dist/main.js', "import { run } from '@minsheng/runtime';\nawait run();\n");
  file('apps/demo/dist/migrate.js', "const m = await import('@minsheng/persistence');\n");
  for (const [lib, source] of Object.entries({
    runtime: "export * from '@minsheng/config';\n",
    config: 'export const x = 1;\n',
    persistence: 'export const y = 2;\n',
    testing: "export * from '@minsheng/runtime';\n",
  })) {
    file(`libs/${lib}/package.json`, `{"name":"@minsheng/${lib}","type":"module"}`);
    file(`libs/${lib}/dist/index.js`, source);
  }
  return root;
}

describe('docker/stage-app.mjs', () => {
  let stageApp: StageApp;
  beforeAll(async () => {
    ({ stageApp } = (await import(join(DOCKER_DIR, 'stage-app.mjs'))) as { stageApp: StageApp });
  });

  it('stages the app and, transitively, only the libraries its compiled code imports', () => {
    const root = workspace();
    const out = join(root, 'out');
    expect(stageApp(root, 'demo', out)).toEqual(['runtime', 'persistence', 'config']);
    expect(readdirSync(join(out, 'libs')).sort()).toEqual(['config', 'persistence', 'runtime']);
    expect(existsSync(join(out, 'libs', 'runtime', 'package.json'))).toBe(true);
    expect(existsSync(join(out, 'libs', 'runtime', 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(out, 'apps', 'demo', 'dist', 'migrate.js'))).toBe(true);
  });

  it('refuses an app that has not been built', () => {
    const root = workspace();
    expect(() => stageApp(root, 'missing', join(root, 'out'))).toThrow(/build the service first/);
  });
});
