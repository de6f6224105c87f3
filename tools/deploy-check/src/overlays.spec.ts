import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  backingEgress,
  checkInstance,
  databaseUrls,
  natsReachability,
  urlHost,
} from './checks/instance.js';
import { formatFindings } from './checks/finding.js';
import { checkWorkloads } from './checks/workloads.js';
import { readTierConf } from './nats-conf.js';
import { K8S_DIR, overlayDir, renderedFile } from './paths.js';
import { chooseRenderer, diffRenders, render } from './render.js';
import { findUnknownFields } from './schema/field-tree.js';
import { validateSchemas } from './schema/kube-schema.js';
import { SERVICES, TIERS } from './tiers.js';
import { parseKubeObjects, type KubeObject } from './yaml-documents.js';

const renderer = chooseRenderer();

describe.each(TIERS)('the $name overlay ($division)', (tier) => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = render(overlayDir(tier.name), renderer);
  });

  it(`renders to exactly the committed k8s/rendered/${tier.name}.yaml`, () => {
    const committed = parseKubeObjects(
      readFileSync(renderedFile(tier.name), 'utf8'),
      renderedFile(tier.name),
    );
    // When this fails: `npx nx run deploy-check:render`, then review the diff of k8s/rendered/.
    expect(diffRenders(committed, objects)).toEqual([]);
  });

  it('holds only objects that are valid against the Kubernetes schemas', async () => {
    expect(formatFindings(await validateSchemas(objects))).toBe('');
  });

  it('holds no field the Kubernetes schemas do not define', () => {
    expect(formatFindings(findUnknownFields(objects))).toBe('');
  });

  it('pins images, sets resources and probes, runs non-root on a read-only root, and covers every workload with a Service, PDB, HPA and NetworkPolicy', () => {
    expect(formatFindings(checkWorkloads(objects))).toBe('');
  });

  it('is the instance of its division: namespace, NATS domain and parent, the seven services with their migrations, routes and own database, the stateless text-analyser, all on NATS', () => {
    expect(formatFindings(checkInstance(objects, tier))).toBe('');
  });

  it('references Secrets without carrying any secret value', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it("applies in the runbook's order: configuration first, then only the migration Jobs, which have what they need", () => {
    const component = (o: KubeObject) => o.metadata.labels?.['app.kubernetes.io/component'];
    const first = objects.filter((o) => component(o) === undefined);
    const second = objects.filter((o) => component(o) === 'migration');
    expect(objects.filter((o) => o.kind === 'ConfigMap').every((o) => first.includes(o))).toBe(
      true,
    );
    expect(first.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name)).toEqual(
      expect.arrayContaining(['default-deny', 'allow-dns', 'migrations-egress', 'workers-egress']),
    );
    expect(second.map((o) => o.metadata.name).sort()).toEqual(
      SERVICES.filter((s) => !s.stateless)
        .map((s) => `${s.name}-migrate`)
        .sort(),
    );
    expect(second.map((o) => o.kind)).toEqual(second.map(() => 'Job'));
  });
});

describe.each(TIERS)('the text-analyser of the $name overlay', (tier) => {
  let objects: KubeObject[];
  const byName = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  beforeAll(() => {
    objects = render(overlayDir(tier.name), renderer);
  });

  it('is a worker with probes, a Service, PDB, HPA and NetworkPolicy, and no migrations Job', () => {
    const deployment = byName('Deployment', 'text-analyser');
    expect(deployment?.metadata.labels?.['app.kubernetes.io/component']).toBe('worker');
    for (const kind of ['Service', 'PodDisruptionBudget', 'HorizontalPodAutoscaler']) {
      expect([kind, byName(kind, 'text-analyser')?.metadata.name]).toEqual([kind, 'text-analyser']);
    }
    expect(byName('NetworkPolicy', 'text-analyser')).toBeDefined();
    const jobs = objects.filter(
      (o) => o.kind === 'Job' && o.metadata.labels?.['app.kubernetes.io/name'] === 'text-analyser',
    );
    expect(jobs).toEqual([]);
  });

  it('reaches NATS and nothing else: no database, Redis or identity, no secrets, no route', () => {
    const deployment = byName('Deployment', 'text-analyser')!;
    expect(natsReachability(objects, deployment)).toEqual([]);
    expect(backingEgress(objects, deployment)).toEqual([]);
    const text = JSON.stringify(deployment);
    expect(text).not.toMatch(/secretKeyRef|"secret":|DATABASE_URL|REDIS_URL/);
    const routes = JSON.stringify(objects.filter((o) => o.kind === 'Ingress'));
    expect(routes).not.toContain('text-analyser');
  });

  it("is admitted only from Prometheus' namespace", () => {
    const policy = byName('NetworkPolicy', 'text-analyser')!;
    expect((policy.spec as { ingress: unknown[] }).ingress).toEqual([
      {
        from: [
          { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
        ],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
  });
});

describe('the rendered county overlay, as a person reads it', () => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = render(overlayDir('county'), renderer);
  });

  it("connects the county's NATS to the city's as a leafnode, with JetStream domain 510104", () => {
    const natsConfig = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config-'),
    );
    const data = natsConfig?.data as Record<string, string>;
    expect(data['nats.conf']).toMatch(/^include \.\/tier\.conf$/m);
    expect(readTierConf(data['tier.conf'])).toEqual({
      serverName: 'nats-510104',
      domain: '510104',
      leafnodeListen: undefined,
      remoteUrls: ['nats-leaf://nats-leaf.510100.minsheng.example:7422'],
    });
    const nats = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'nats');
    const volumes = (
      nats?.spec as { template: { spec: { volumes: Array<{ configMap?: { name: string } }> } } }
    ).template.spec.volumes;
    expect(volumes.map((v) => v.configMap?.name)).toContain(natsConfig?.metadata.name);
  });

  it("points every service and migration Job at the county's own database", () => {
    const urls = databaseUrls(objects);
    expect([...urls.keys()].sort()).toEqual(
      SERVICES.filter((s) => !s.stateless)
        .flatMap((s) => [
          `Deployment/minsheng-510104/${s.name}`,
          `Job/minsheng-510104/${s.name}-migrate`,
        ])
        .sort(),
    );
    for (const url of urls.values()) {
      expect(urlHost(url)).toBe('pg.510104.minsheng.example');
      expect(url).toBe(
        'postgres://<secret:minsheng-database/username>:<secret:minsheng-database/password>@pg.510104.minsheng.example:5432/minsheng?sslmode=verify-full&sslrootcert=/etc/minsheng/ca/ca.crt',
      );
    }
  });
});

describe("the operators' nats-box pod (k8s/ops)", () => {
  it('is valid and as locked down as the services', async () => {
    const file = join(K8S_DIR, 'ops', 'nats-box.yaml');
    const objects = parseKubeObjects(readFileSync(file, 'utf8'), file);
    expect(formatFindings(await validateSchemas(objects))).toBe('');
    expect(formatFindings(findUnknownFields(objects))).toBe('');
    // Alone, it has no default-deny policy beside it: that one comes with the instance.
    const findings = checkWorkloads(objects).filter((f) => f.object !== '(instance)');
    expect(formatFindings(findings)).toBe('');
  });
});

describe('the web app component, as every overlay enables it', () => {
  let objects: KubeObject[];
  beforeAll(() => {
    objects = render(join(K8S_DIR, 'overlays', 'county'), renderer);
  });

  it('adds a valid, hardened web Deployment behind `/` on the county host', async () => {
    expect(formatFindings(await validateSchemas(objects))).toBe('');
    expect(formatFindings(findUnknownFields(objects))).toBe('');
    expect(formatFindings(checkWorkloads(objects))).toBe('');
    const root = objects.find((o) => o.kind === 'Ingress' && o.metadata.name === 'minsheng-root');
    const rule = (
      root?.spec as {
        rules: Array<{
          host: string;
          http: { paths: Array<{ path: string; backend: { service: { name: string } } }> };
        }>;
      }
    ).rules[0];
    expect(rule.host).toBe('510104.minsheng.example');
    expect(rule.http.paths.map((p) => [p.path, p.backend.service.name])).toEqual([
      ['/.well-known/', 'identity'],
      ['/exchange/', 'exchange-gateway'],
      ['/open311/', 'exchange-gateway'],
      ['/', 'web'],
    ]);
  });
});
