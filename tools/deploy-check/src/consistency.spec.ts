import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCompose } from './checks/compose.js';
import { DOCKER_DIR, REPO_ROOT, renderedFile } from './paths.js';
import { DEPLOYED_SETTINGS, SERVICES, TIERS, tierFor } from './tiers.js';
import { parseKubeObjects } from './yaml-documents.js';

// What `npm run up` starts the services with; the deployment files must say the same.
const workspace = (await import(join(REPO_ROOT, 'tools', 'dev', 'workspace.mjs'))) as {
  SERVICES: unknown[];
  DEPLOYED_SETTINGS: unknown;
  serviceNodeOptions: (service: (typeof SERVICES)[number]) => string;
};
const { serviceNodeOptions } = workspace;

describe('deployment files agree with the code', () => {
  it('knows the same services and ports as tools/dev/workspace.mjs', () => {
    // In any order: tools/dev's is the order it starts them in (the text-analyser before petition).
    const byName = (services: readonly unknown[]) =>
      [...(services as Array<{ name: string }>)].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(SERVICES)).toEqual(byName(workspace.SERVICES));
  });

  it('gives each service the settings tools/dev/workspace.mjs starts it with', () => {
    expect(DEPLOYED_SETTINGS).toEqual(workspace.DEPLOYED_SETTINGS);
  });

  it("gives the image's health check each service's default port", () => {
    const healthcheck = readFileSync(join(DOCKER_DIR, 'healthcheck.mjs'), 'utf8');
    for (const service of SERVICES) {
      expect(healthcheck).toMatch(new RegExp(`['"]?${service.name}['"]?: ${service.port},`));
    }
  });

  it('runs a migrations entry point that every service has, and none for a stateless one', () => {
    for (const service of SERVICES) {
      expect([
        service.name,
        existsSync(join(REPO_ROOT, 'apps', service.name, 'src', 'migrate.ts')),
      ]).toEqual([service.name, !service.stateless]);
    }
  });

  it('documents in docs/operations.md every Secret the manifests reference', () => {
    const runbook = readFileSync(join(REPO_ROOT, 'docs', 'operations.md'), 'utf8');
    const names = new Set<string>();
    for (const tier of TIERS) {
      // The committed render: overlays.spec.ts holds it equal to the overlay's render.
      const text = JSON.stringify(
        parseKubeObjects(readFileSync(renderedFile(tier.name), 'utf8'), tier.name),
      );
      for (const match of text.matchAll(/"secretKeyRef":\{[^}]*"name":"([a-z0-9-]+)"/g))
        names.add(match[1]);
      for (const match of text.matchAll(/"secretName":"([a-z0-9-]+)"/g)) names.add(match[1]);
    }
    expect([...names].sort()).toEqual([
      'identity-signing-key',
      'minsheng-backing-ca',
      'minsheng-database',
      'minsheng-field-keys',
      'minsheng-object-storage',
      'minsheng-redis',
      'minsheng-tls',
      'minsheng-video',
    ]);
    for (const name of names) expect(runbook).toContain(`\`${name}\``);
  });
});

describe('tiers from division codes', () => {
  it('derive tier and parent from the code, as the examples are declared', () => {
    for (const tier of TIERS) expect(tierFor(tier.division)).toEqual(tier);
    expect(tierFor('510105')).toEqual({
      name: 'county',
      division: '510105',
      parent: '510100',
      hub: false,
    });
    expect(() => tierFor('5101')).toThrow(/six-digit/);
  });
});

describe('V8 heap caps', () => {
  const mib = (quantity: string) => {
    const match = /^(\d+)(Mi|Gi)$/.exec(quantity);
    if (!match) throw new Error(`unexpected memory quantity ${quantity}`);
    return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
  };
  type Container = {
    name: string;
    env?: Array<{ name: string; value?: string }>;
    resources?: { limits?: { memory?: string } };
  };

  it('are the same in every overlay as tools/dev starts the services with, and leave room under the memory limit', () => {
    for (const tier of TIERS) {
      const objects = parseKubeObjects(readFileSync(renderedFile(tier.name), 'utf8'), tier.name);
      for (const service of SERVICES) {
        const deployment = objects.find(
          (o) => o.kind === 'Deployment' && o.metadata?.name === service.name,
        ) as { spec: { template: { spec: { containers: Container[] } } } } | undefined;
        const container = deployment?.spec.template.spec.containers.find(
          (c) => c.name === service.name,
        );
        const options = container?.env?.find((e) => e.name === 'NODE_OPTIONS')?.value;
        expect({ tier: tier.name, service: service.name, options }).toEqual({
          tier: tier.name,
          service: service.name,
          options: serviceNodeOptions(service),
        });
        // Young generation, code, buffers and native memory live outside the old space.
        const limit = mib(container?.resources?.limits?.memory ?? '0Mi');
        expect(limit - service.heapMiB).toBeGreaterThanOrEqual(128);
      }
    }
  });

  it('are the same in Compose', () => {
    const compose = parseCompose(
      readFileSync(join(DOCKER_DIR, 'compose.yml'), 'utf8'),
      'compose.yml',
      [],
    ) as { services: Record<string, { environment?: Record<string, string> }> };
    for (const service of SERVICES) {
      expect([service.name, compose.services[service.name]?.environment?.NODE_OPTIONS]).toEqual([
        service.name,
        serviceNodeOptions(service),
      ]);
    }
  });
});
