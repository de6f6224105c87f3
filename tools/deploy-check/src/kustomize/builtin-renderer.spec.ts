import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { overlayDir, renderedFile } from '../paths.js';
import { diffRenders } from '../render.js';
import { TIERS } from '../tiers.js';
import { parseKubeObjects } from '../yaml-documents.js';
import { readFileSync } from 'node:fs';
import { renderKustomization } from './builtin-renderer.js';
import { applyJsonPatch } from './json-patch.js';
import { configMapNameHash } from './name-hash.js';

function kustomization(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-check-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('the built-in renderer', () => {
  it.each(TIERS)('renders the $name overlay to exactly the committed render', ({ name }) => {
    const committed = parseKubeObjects(readFileSync(renderedFile(name), 'utf8'), name);
    expect(diffRenders(committed, renderKustomization(overlayDir(name)))).toEqual([]);
  });

  it("names generated ConfigMaps with kustomize's hashes", () => {
    // Values produced by kustomize itself (`kubectl kustomize`, kustomize v5.5).
    expect(configMapNameHash({})).toBe('42745tchd9');
    expect(configMapNameHash({ one: '' })).toBe('9g67k2htb6');
    expect(configMapNameHash({ A: '1' })).toBe('89g4tffbfk');
    expect(configMapNameHash({ A: '1', B: '2' })).not.toBe(configMapNameHash({ A: '1' }));
  });

  it('merges an overlay into a base ConfigMap and renames every reference to it', () => {
    const dir = kustomization({
      'base/kustomization.yaml':
        'resources: [job.yaml]\nconfigMapGenerator:\n  - name: settings\n    literals: [A=1]\n',
      'base/job.yaml': [
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: job}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - {name: c, image: "x/y", envFrom: [{configMapRef: {name: settings}}]}',
        '      volumes: [{name: v, configMap: {name: settings}}]',
      ].join('\n'),
      'overlay/kustomization.yaml': [
        'namespace: ns',
        'resources: [../base]',
        'configMapGenerator:',
        '  - {name: settings, behavior: merge, literals: [B=2]}',
        'images:',
        '  - {name: x/y, newTag: 1.2.3}',
      ].join('\n'),
    });
    const [configMap, job] = renderKustomization(join(dir, 'overlay'));
    const name = `settings-${configMapNameHash({ A: '1', B: '2' })}`;
    expect(configMap).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name, namespace: 'ns' },
      data: { A: '1', B: '2' },
    });
    expect(job).toMatchObject({
      metadata: { namespace: 'ns' },
      spec: {
        template: {
          spec: {
            containers: [{ image: 'x/y:1.2.3', envFrom: [{ configMapRef: { name } }] }],
            volumes: [{ configMap: { name } }],
          },
        },
      },
    });
  });

  it('refuses what it does not implement instead of guessing', () => {
    const dir = kustomization({ 'kustomization.yaml': 'resources: []\nnamePrefix: x-\n' });
    expect(() => renderKustomization(dir)).toThrow(/does not support namePrefix/);
    const smp = kustomization({
      'kustomization.yaml':
        'resources: [a.yaml]\npatches:\n  - target: {kind: ConfigMap}\n    patch: "metadata: {labels: {a: b}}"\n',
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    });
    expect(() => renderKustomization(smp)).toThrow(/only JSON6902 patches/);
  });

  it('fails on a patch that targets nothing', () => {
    const dir = kustomization({
      'kustomization.yaml':
        'resources: [a.yaml]\npatches:\n  - target: {kind: Deployment}\n    patch: "[]"\n',
      'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
    });
    expect(() => renderKustomization(dir)).toThrow(/matches nothing/);
  });
});

describe('JSON patch', () => {
  const document = { spec: { list: [1, 2], value: 'a' } };

  it('adds, replaces and removes, leaving the input untouched', () => {
    const patched = applyJsonPatch(document, [
      { op: 'add', path: '/spec/list/-', value: 3 },
      { op: 'replace', path: '/spec/value', value: 'b' },
      { op: 'remove', path: '/spec/list/0' },
      { op: 'add', path: '/spec/new~1key', value: true },
    ]);
    expect(patched).toEqual({ spec: { list: [2, 3], value: 'b', 'new/key': true } });
    expect(document).toEqual({ spec: { list: [1, 2], value: 'a' } });
  });

  it('refuses to replace what does not exist', () => {
    expect(() =>
      applyJsonPatch(document, [{ op: 'replace', path: '/spec/missing', value: 1 }]),
    ).toThrow(/does not exist/);
    expect(() =>
      applyJsonPatch(document, [{ op: 'replace', path: '/spec/list/5', value: 1 }]),
    ).toThrow(/out of range/);
  });
});
