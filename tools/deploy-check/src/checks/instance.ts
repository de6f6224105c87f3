// What makes an overlay the instance it claims to be: its division everywhere, its NATS a
// leafnode of its parent with its own JetStream domain, its services on its own database, the
// seven services complete (Deployment, Service, migrations Job, Ingress route, ports), the
// stateless text-analyser with none of a database, migrations or route, every service able to
// reach NATS, and the settings every deployment gives a service (petition's TEXT_ANALYSIS).
import { podSpecOf } from '../kustomize/builtin-renderer.js';
import { effectiveEnv } from '../effective-env.js';
import { readTierConf } from '../nats-conf.js';
import { DEPLOYED_SETTINGS, SERVICES, type Tier } from '../tiers.js';
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

  // The services: the seven with their migrations and routes, and the stateless text-analyser.
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
    for (const [name, value] of Object.entries(DEPLOYED_SETTINGS[service.name] ?? {})) {
      if (env.get(name) !== value) {
        fail(
          objectId(deployment),
          'settings',
          `${name} must be ${value} (found ${env.get(name) ?? 'none'})`,
        );
      }
    }
    for (const problem of natsReachability(objects, deployment)) {
      fail(objectId(deployment), 'nats-reachable', problem);
    }
    if (service.stateless) {
      // No migrations, no API, no database or Redis, not even a way out to them.
      if (job) fail(objectId(job), 'stateless', `${service.name} has no migrations`);
      if (route(service.name)) {
        fail('Ingress', 'stateless', `${service.name} has no API: no route /api/${service.name}`);
      }
      for (const variable of ['DATABASE_URL', 'REDIS_URL']) {
        if (env.has(variable)) {
          fail(objectId(deployment), 'stateless', `${variable} is set; it holds no data`);
        }
      }
      for (const problem of backingEgress(objects, deployment)) {
        fail(objectId(deployment), 'stateless', problem);
      }
      continue;
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

const NATS_CLIENT_PORT = 4222;
/** Postgres and Redis (plain and TLS), the ports of the instance's backing services. */
const BACKING_PORTS = [5432, 6379, 6380];

const podLabels = (workload: KubeObject): Record<string, string> =>
  (workload.spec as Any)?.template?.metadata?.labels ?? {};

/** A label selector (matchLabels only; these manifests use no expressions) against labels. */
function selects(selector: Any | undefined, labels: Record<string, string>): boolean {
  if (!selector || (selector.matchExpressions ?? []).length > 0) return false;
  return Object.entries((selector.matchLabels ?? {}) as Record<string, string>).every(
    ([key, value]) => labels[key] === value,
  );
}

/** The NetworkPolicies of one direction that apply to pods with these labels. */
function policiesFor(
  objects: KubeObject[],
  labels: Record<string, string>,
  type: 'Ingress' | 'Egress',
): KubeObject[] {
  return objects.filter(
    (o) =>
      o.kind === 'NetworkPolicy' &&
      ((o.spec as Any).policyTypes ?? []).includes(type) &&
      selects((o.spec as Any).podSelector, labels),
  );
}

/** Whether a rule's ports admit the port (numbered, or named after a port of the target pods). */
function admitsPort(rule: Any, port: number, named: Map<string, number>): boolean {
  const ports: Any[] = rule.ports ?? [];
  return (
    ports.length === 0 ||
    ports.some((p) => p.port === undefined || p.port === port || named.get(p.port) === port)
  );
}

/** Whether a rule's peers include pods of this namespace with these labels. */
function admitsPeer(peers: Any[] | undefined, labels: Record<string, string>): boolean {
  if (!peers || peers.length === 0) return true;
  return peers.some((peer) => !peer.namespaceSelector && selects(peer.podSelector, labels));
}

/**
 * Why a service's pods could not reach the instance's NATS on its client port: no egress rule of
 * theirs leads there, or the NATS server's ingress rules do not admit them.
 */
export function natsReachability(objects: KubeObject[], workload: KubeObject): string[] {
  const nats = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'nats');
  if (!nats) return ['no NATS StatefulSet in the instance'];
  const natsLabels = podLabels(nats);
  const natsPorts = new Map<string, number>(
    ((podSpecOf(nats) as Any)?.containers ?? []).flatMap((c: Any) =>
      (c.ports ?? []).map((p: Any) => [p.name, p.containerPort]),
    ),
  );
  const labels = podLabels(workload);
  // Unrestricted when no policy of that direction selects the pods; else one rule must allow it.
  const allowed = (
    policies: KubeObject[],
    direction: 'egress' | 'ingress',
    peer: Record<string, string>,
  ) =>
    policies.length === 0 ||
    policies.some((p) =>
      ((p.spec as Any)[direction] ?? []).some(
        (rule: Any) =>
          admitsPeer(direction === 'egress' ? rule.to : rule.from, peer) &&
          admitsPort(rule, NATS_CLIENT_PORT, natsPorts),
      ),
    );
  const problems: string[] = [];
  if (!allowed(policiesFor(objects, labels, 'Egress'), 'egress', natsLabels)) {
    problems.push(`no NetworkPolicy lets its pods out to NATS on ${NATS_CLIENT_PORT}`);
  }
  if (!allowed(policiesFor(objects, natsLabels, 'Ingress'), 'ingress', labels)) {
    problems.push(`no NetworkPolicy of NATS admits its pods on ${NATS_CLIENT_PORT}`);
  }
  return problems;
}

/** The egress rules that would let a workload's pods reach Postgres or Redis (or anything). */
export function backingEgress(objects: KubeObject[], workload: KubeObject): string[] {
  const problems: string[] = [];
  for (const policy of policiesFor(objects, podLabels(workload), 'Egress')) {
    for (const rule of ((policy.spec as Any).egress ?? []) as Any[]) {
      const open = BACKING_PORTS.filter((port) => admitsPort(rule, port, new Map()));
      if (open.length > 0) {
        problems.push(
          `NetworkPolicy ${policy.metadata.name} lets its pods out on ${open.join(', ')}: it needs NATS only`,
        );
      }
    }
  }
  return problems;
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
