// Compose files, checked without Docker: strict YAML (syntax, duplicate keys, anchors and merge
// keys resolved), known keys only, every long-running service with a health check, one-shot
// services awaited with service_completed_successfully, pinned images, references that resolve,
// and no secret written as a literal value.
import { parseYamlDocuments } from '../yaml-documents.js';
import { isPinnedImage } from './workloads.js';
import type { Finding } from './finding.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- compose files are plain, loosely typed data */
type Any = Record<string, any>;

const TOP_LEVEL = ['name', 'services', 'volumes', 'networks', 'secrets', 'configs', 'include'];
const SERVICE_KEYS = [
  'build',
  'cap_add',
  'cap_drop',
  'command',
  'configs',
  'container_name',
  'cpus',
  'depends_on',
  'deploy',
  'entrypoint',
  'env_file',
  'environment',
  'expose',
  'extends',
  'extra_hosts',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'labels',
  'logging',
  'mem_limit',
  'networks',
  'platform',
  'ports',
  'profiles',
  'pull_policy',
  'read_only',
  'restart',
  'secrets',
  'security_opt',
  'shm_size',
  'stop_grace_period',
  'stop_signal',
  'sysctls',
  'tmpfs',
  'ulimits',
  'user',
  'volumes',
  'working_dir',
];
const HEALTHCHECK_KEYS = [
  'test',
  'interval',
  'timeout',
  'retries',
  'start_period',
  'start_interval',
  'disable',
];
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|_KEYS?$|ACCESS_KEY)/;

export interface ComposeModel {
  services: Record<string, Any>;
  volumes: Record<string, unknown>;
  networks: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

/** Parses a compose file strictly; unknown top-level or service keys are findings. */
export function parseCompose(text: string, source: string, findings: Finding[]): Any {
  const [document] = parseYamlDocuments(text, source, { merge: true });
  const compose = (document ?? {}) as Any;
  for (const key of Object.keys(compose)) {
    if (!TOP_LEVEL.includes(key) && !key.startsWith('x-')) {
      findings.push({
        object: source,
        rule: 'compose-keys',
        message: `unknown top-level key ${key}`,
      });
    }
  }
  for (const [name, service] of Object.entries((compose.services ?? {}) as Record<string, Any>)) {
    for (const key of Object.keys(service ?? {})) {
      if (!SERVICE_KEYS.includes(key)) {
        findings.push({
          object: `${source} ${name}`,
          rule: 'compose-keys',
          message: `unknown service key ${key}`,
        });
      }
    }
    for (const key of Object.keys(service?.healthcheck ?? {})) {
      if (!HEALTHCHECK_KEYS.includes(key)) {
        findings.push({
          object: `${source} ${name}`,
          rule: 'compose-keys',
          message: `unknown healthcheck key ${key}`,
        });
      }
    }
  }
  return compose;
}

/** Compose's merge of an override file onto a base (the parts these files use). */
export function mergeCompose(base: Any, override: Any): Any {
  const merged: Any = structuredClone(base);
  for (const section of ['volumes', 'networks', 'secrets']) {
    merged[section] = { ...(base[section] ?? {}), ...(override[section] ?? {}) };
  }
  merged.services = { ...(base.services ?? {}) };
  for (const [name, service] of Object.entries((override.services ?? {}) as Record<string, Any>)) {
    const target: Any = { ...(merged.services[name] ?? {}) };
    for (const [key, value] of Object.entries(service)) {
      if (key === 'volumes' && Array.isArray(target.volumes)) {
        // Volumes merge by container path: the override's mount replaces the base's.
        const targetPath = (v: unknown) =>
          typeof v === 'string' ? v.split(':')[1] : (v as Any).target;
        const replaced = new Set((value as unknown[]).map(targetPath));
        target.volumes = [
          ...target.volumes.filter((v: unknown) => !replaced.has(targetPath(v))),
          ...(value as unknown[]),
        ];
      } else if (
        value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        target[key] &&
        typeof target[key] === 'object'
      ) {
        target[key] = { ...target[key], ...value };
      } else {
        target[key] = value;
      }
    }
    merged.services[name] = target;
  }
  return merged;
}

/** The image reference with ${VAR:-default} / ${VAR:?…} replaced by the default (or "unset"). */
const withDefaults = (value: string) =>
  value.replace(
    /\$\{([A-Z0-9_]+)(?::?-([^}]*)|:?\?[^}]*)?\}/g,
    (_m, _name, fallback) => fallback ?? 'unset',
  );

export function checkCompose(compose: Any, source: string): Finding[] {
  const findings: Finding[] = [];
  const fail = (object: string, rule: string, message: string) =>
    findings.push({ object: `${source} ${object}`, rule, message });
  const services = (compose.services ?? {}) as Record<string, Any>;
  const oneShot = (service: Any) => service.restart === 'no' || service.restart === false;
  const built = new Set(
    Object.values(services)
      .filter((s) => s.build)
      .map((s) => s.image),
  );
  const dependents = (name: string) =>
    Object.entries(services).filter(
      ([, s]) =>
        s.depends_on &&
        (Array.isArray(s.depends_on) ? s.depends_on.includes(name) : name in s.depends_on),
    );

  for (const [name, service] of Object.entries(services)) {
    if (typeof service.image !== 'string') {
      fail(name, 'image-pinned', 'no image');
    } else if (!isPinnedImage(withDefaults(service.image))) {
      fail(
        name,
        'image-pinned',
        `image ${service.image} is not pinned to a version (no tag, or latest)`,
      );
    } else if (
      service.image.startsWith('minsheng/') &&
      !service.build &&
      !built.has(service.image)
    ) {
      fail(name, 'image-build', `no service builds ${service.image}`);
    }
    if (oneShot(service)) {
      const waiting = dependents(name);
      if (waiting.length === 0) fail(name, 'one-shot', 'a one-shot service nothing waits for');
      for (const [other, s] of waiting) {
        if (s.depends_on[name]?.condition !== 'service_completed_successfully') {
          fail(
            other,
            'one-shot',
            `must wait for ${name} with condition service_completed_successfully`,
          );
        }
      }
    } else {
      const test = service.healthcheck?.test;
      if (
        !Array.isArray(test) ||
        test.length < 2 ||
        test[0] === 'NONE' ||
        service.healthcheck?.disable
      ) {
        fail(name, 'healthcheck', 'a long-running service needs a health check');
      }
    }
    const dependsOn = Array.isArray(service.depends_on)
      ? Object.fromEntries(service.depends_on.map((d: string) => [d, {}]))
      : (service.depends_on ?? {});
    for (const [dependency, spec] of Object.entries(dependsOn as Record<string, Any>)) {
      if (!services[dependency]) {
        fail(name, 'depends-on', `depends on ${dependency}, which is not a service`);
      } else if (!oneShot(services[dependency]) && spec.condition !== 'service_healthy') {
        fail(name, 'depends-on', `must wait for ${dependency} with condition service_healthy`);
      }
    }
    for (const volume of service.volumes ?? []) {
      const sourcePath = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (sourcePath && !/^[.~/$]/.test(sourcePath) && !(sourcePath in (compose.volumes ?? {}))) {
        fail(name, 'references', `volume ${sourcePath} is not declared`);
      }
    }
    for (const secret of service.secrets ?? []) {
      const secretName = typeof secret === 'string' ? secret : secret.source;
      if (!(secretName in (compose.secrets ?? {})))
        fail(name, 'references', `secret ${secretName} is not declared`);
    }
    const networks = Array.isArray(service.networks)
      ? service.networks
      : Object.keys(service.networks ?? {});
    for (const network of networks) {
      if (network !== 'default' && !(network in (compose.networks ?? {})))
        fail(name, 'references', `network ${network} is not declared`);
    }
    const environment = Array.isArray(service.environment)
      ? Object.fromEntries(service.environment.map((e: string) => e.split(/=(.*)/s).slice(0, 2)))
      : (service.environment ?? {});
    for (const [key, value] of Object.entries(environment as Record<string, unknown>)) {
      const text = String(value ?? '');
      const embedsSecret = /:\/\/[^/\s]*:[^@/\s$]+@/.test(text);
      if ((SECRET_NAME.test(key) && text !== '' && !/\$\{[A-Z0-9_]+/.test(text)) || embedsSecret) {
        fail(
          name,
          'no-secret-values',
          `${key} holds a literal secret: take it from the environment (\${…:?})`,
        );
      }
    }
  }
  return findings;
}
