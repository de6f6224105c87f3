// What makes an overlay the instance it claims to be: its division everywhere, its NATS a
// leafnode of its parent with its own JetStream domain, its services on its own database, and
// the seven services complete (Deployment, Service, migrations Job, Ingress route, ports).
import { podSpecOf } from '../kustomize/builtin-renderer.js';
import { effectiveEnv } from '../effective-env.js';
import { readTierConf } from '../nats-conf.js';
import { SERVICES, type Tier } from '../tiers.js';
import { objectId, type KubeObject } from '../yaml-documents.js';
import type { Finding } from './finding.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are plain, loosely typed data */
type Any = Record<string, any>;

const configMap = (objects: KubeObject[], prefix: string) =>
  objects.find(
    (o) =>
      o.kind === 'ConfigMap' && new RegExp(`^${prefix}(-[a-z0-9]{10})?$`).test(o.metadata.name),
  );

/** The host of a URL whose credentials may be placeholders such as <secret:name/key>. */
export function urlHost(url: string): string | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const rest = url.slice(scheme + 3);
  const host = rest.slice(rest.lastIndexOf('@') + 1);
  return /^[^:/?]+/.exec(host)?.[0];
}

export function checkInstance(objects: KubeObject[], tier: Tier): Finding[] {
  const findings: Finding[] = [];
  const fail = (object: string, rule: string, message: string) =>
    findings.push({ object, rule, message });
  const namespace = `minsheng-${tier.division}`;

  for (const object of objects) {
    if (object.kind !== 'Namespace' && object.metadata.namespace !== namespace) {
      fail(objectId(object), 'namespace', `must be in namespace ${namespace}`);
    }
  }
  if (!objects.some((o) => o.kind === 'Namespace' && o.metadata.name === namespace)) {
    fail('(instance)', 'namespace', `no Namespace ${namespace}`);
  }

  const instance = configMap(objects, 'minsheng-instance');
  const settings = (instance?.data ?? {}) as Record<string, string>;
  if (settings.INSTANCE_DIVISION !== tier.division) {
    fail(
      'ConfigMap/minsheng-instance',
      'division',
      `INSTANCE_DIVISION is ${settings.INSTANCE_DIVISION}, expected ${tier.division}`,
    );
  }

  // NATS: JetStream domain = division; leafnode remote = the parent; listen only where children connect.
  const natsConfig = configMap(objects, 'nats-config');
  const tierConf = (natsConfig?.data as Any)?.['tier.conf'];
  if (typeof tierConf !== 'string') {
    fail('ConfigMap/nats-config', 'nats', 'no tier.conf');
  } else {
    const conf = readTierConf(tierConf);
    if (conf.domain !== tier.division)
      fail(
        'ConfigMap/nats-config',
        'nats',
        `JetStream domain is ${conf.domain}, expected ${tier.division}`,
      );
    if (!conf.serverName?.includes(tier.division))
      fail(
        'ConfigMap/nats-config',
        'nats',
        `server_name ${conf.serverName} must name the division (names are unique across the network)`,
      );
    const parents = conf.remoteUrls.map((url) => urlHost(url) ?? url);
    if (tier.parent) {
      if (parents.length !== 1 || !parents[0].split('.').includes(tier.parent)) {
        fail(
          'ConfigMap/nats-config',
          'nats',
          `the leafnode remote must be the parent ${tier.parent}'s NATS, found ${parents.join(', ') || 'none'}`,
        );
      }
    } else if (parents.length > 0) {
      fail(
        'ConfigMap/nats-config',
        'nats',
        `a province has no parent, found leafnode remotes ${parents.join(', ')}`,
      );
    }
    if (tier.hub !== !!conf.leafnodeListen) {
      fail(
        'ConfigMap/nats-config',
        'nats',
        tier.hub
          ? 'children connect here: leafnodes needs listen'
          : 'no children: leafnodes must not listen',
      );
    }
  }
  const leafService = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'nats-leaf');
  if (tier.hub !== !!leafService) {
    fail(
      'Service/nats-leaf',
      'nats',
      tier.hub ? 'children need the leafnode Service' : 'no children: no leafnode Service',
    );
  }

  // The seven services.
  const route = (name: string) =>
    objects.some(
      (o) =>
        o.kind === 'Ingress' &&
        ((o.spec as Any).rules ?? []).some((r: Any) =>
          (r.http?.paths ?? []).some(
            (p: Any) => p.path === `/api/${name}(/|$)(.*)` && p.backend?.service?.name === name,
          ),
        ),
    );
  for (const service of SERVICES) {
    const deployment = objects.find(
      (o) => o.kind === 'Deployment' && o.metadata.name === service.name,
    );
    const job = objects.find(
      (o) => o.kind === 'Job' && o.metadata.name === `${service.name}-migrate`,
    );
    if (!deployment) {
      fail(`Deployment/${service.name}`, 'services', 'missing');
      continue;
    }
    const container = (podSpecOf(deployment) as Any).containers[0];
    if (!container.ports?.some((p: Any) => p.containerPort === service.port)) {
      fail(objectId(deployment), 'services', `must listen on ${service.port}`);
    }
    const env = effectiveEnv(container, objects).values;
    if (env.get(service.portVariable) !== String(service.port)) {
      fail(objectId(deployment), 'services', `${service.portVariable} must be ${service.port}`);
    }
    const probePath = (probe: string) => container[probe]?.httpGet?.path;
    if (
      probePath('livenessProbe') !== '/health/live' ||
      probePath('readinessProbe') !== '/health/ready'
    ) {
      fail(
        objectId(deployment),
        'probes',
        'liveness must be /health/live and readiness /health/ready',
      );
    }
    if (!route(service.name))
      fail('Ingress', 'ingress-route', `no route /api/${service.name} → ${service.name}`);
    if (!job) {
      fail(`Job/${service.name}-migrate`, 'migrations', 'missing');
    } else {
      const migrate = (podSpecOf(job) as Any).containers[0];
      if (
        migrate.command ||
        migrate.args?.join(' ') !== `node apps/${service.name}/dist/migrate.js`
      ) {
        fail(
          objectId(job),
          'migrations',
          `must run args [node, apps/${service.name}/dist/migrate.js] (no command: tini stays PID 1)`,
        );
      }
      if (migrate.image !== container.image)
        fail(objectId(job), 'migrations', 'must use the image of the service it migrates');
    }
    // Its own database and Redis: the hosts named after this instance's division.
    for (const [object, c] of [
      [deployment, container],
      ...(job ? [[job, (podSpecOf(job) as Any).containers[0]]] : []),
    ] as Array<[KubeObject, Any]>) {
      const values = effectiveEnv(c, objects).values;
      const database = urlHost(values.get('DATABASE_URL') ?? '');
      if (!database?.split('.').includes(tier.division)) {
        fail(
          objectId(object),
          'own-database',
          `DATABASE_URL points at ${database ?? 'nothing'}, not this instance's database (${tier.division})`,
        );
      }
      if (object.kind === 'Deployment') {
        const redis = urlHost(values.get('REDIS_URL') ?? '');
        if (!redis?.split('.').includes(tier.division)) {
          fail(
            objectId(object),
            'own-database',
            `REDIS_URL points at ${redis ?? 'nothing'}, not this instance's Redis (${tier.division})`,
          );
        }
      }
    }
  }
  return findings;
}

/** DATABASE_URL of every service and migration Job, resolved as the kubelet would. */
export function databaseUrls(objects: KubeObject[]): Map<string, string> {
  const urls = new Map<string, string>();
  for (const object of objects) {
    const pod = podSpecOf(object) as Any | undefined;
    for (const container of pod?.containers ?? []) {
      const url = effectiveEnv(container, objects).values.get('DATABASE_URL');
      if (url) urls.set(objectId(object), url);
    }
  }
  return urls;
}
