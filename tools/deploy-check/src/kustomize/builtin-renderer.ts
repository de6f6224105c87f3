// A small kustomize for machines without kubectl: it renders this repository's kustomizations
// the way `kubectl kustomize` (kustomize v5) does, for exactly the features they use — resources
// (files and directories), components, namespace, labels (metadata only), configMapGenerator
// (literals, files; create/merge/replace) with kustomize's name hashes and the references to them,
// JSON6902 patches with a target, and images. Anything else in a kustomization is refused rather
// than guessed at. The committed renders (k8s/rendered/) and kubectl, where present, keep it true.
import { readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { applyJsonPatch, type PatchOperation } from './json-patch.js';
import { configMapNameHash } from './name-hash.js';
import { parseKubeObjects, parseYamlDocuments, type KubeObject } from '../yaml-documents.js';

interface Item {
  object: KubeObject;
  /** Set on generated ConfigMaps: their name gets kustomize's content hash at the end. */
  generated?: boolean;
}

type Kind = 'Kustomization' | 'Component';

interface ConfigMapGenerator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
}

interface Patch {
  target: { kind?: string; name?: string; namespace?: string; labelSelector?: string };
  patch: string;
}

interface Kustomization {
  apiVersion?: string;
  kind?: Kind;
  resources?: string[];
  components?: string[];
  namespace?: string;
  labels?: Array<{
    pairs: Record<string, string>;
    includeSelectors?: boolean;
    includeTemplates?: boolean;
  }>;
  configMapGenerator?: ConfigMapGenerator[];
  patches?: Patch[];
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
}

const FIELDS: Record<string, readonly string[]> = {
  kustomization: [
    'apiVersion',
    'kind',
    'resources',
    'components',
    'namespace',
    'labels',
    'configMapGenerator',
    'patches',
    'images',
  ],
  configMapGenerator: ['name', 'behavior', 'literals', 'files'],
  patch: ['target', 'patch'],
  target: ['kind', 'name', 'namespace', 'labelSelector'],
  labels: ['pairs', 'includeSelectors', 'includeTemplates'],
  image: ['name', 'newName', 'newTag', 'digest'],
};

const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
]);

// kustomize's "legacy" output order: these kinds first, in this order; the rest by group/version/kind.
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function refuseUnknown(value: object, allowed: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new Error(`${where}: the built-in renderer does not support ${unknown.join(', ')}`);
  }
}

function readKustomization(dir: string): { file: string; kustomization: Kustomization } {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const [value] = parseYamlDocuments(text, file);
    if (!value || typeof value !== 'object') throw new Error(`${file}: empty kustomization`);
    refuseUnknown(value, FIELDS.kustomization, file);
    return { file, kustomization: value as Kustomization };
  }
  throw new Error(`${dir}: no kustomization.yaml`);
}

/** Renders the kustomization in dir to its objects, in kustomize's legacy order. */
export function renderKustomization(dir: string): KubeObject[] {
  const items = build(resolve(dir), 'Kustomization', []);
  // Name hashes are added last, after every merge, then the references follow the new names.
  const renamed = new Map<string, string>();
  for (const { object, generated } of items) {
    if (!generated) continue;
    const data = (object.data ?? {}) as Record<string, string>;
    const hashed = `${object.metadata.name}-${configMapNameHash(data)}`;
    renamed.set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, hashed);
    object.metadata.name = hashed;
  }
  for (const { object } of items) renameConfigMapReferences(object, renamed);
  return sortLegacy(items.map((item) => item.object));
}

function build(dir: string, expected: Kind, inherited: Item[]): Item[] {
  const { file, kustomization: k } = readKustomization(dir);
  const kind = k.kind ?? 'Kustomization';
  if (kind !== expected) throw new Error(`${file}: expected a ${expected}, found a ${kind}`);

  let items: Item[] = expected === 'Component' ? inherited : [];
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    if (statSync(path).isDirectory()) {
      items.push(...build(path, 'Kustomization', []));
    } else {
      items.push(
        ...parseKubeObjects(readFileSync(path, 'utf8'), path).map((object) => ({ object })),
      );
    }
  }
  for (const entry of k.components ?? []) {
    items = build(resolve(dir, entry), 'Component', items);
  }

  for (const generator of k.configMapGenerator ?? []) {
    generateConfigMap(items, generator, dir, file);
  }

  if (k.namespace) {
    for (const { object } of items) {
      if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = k.namespace;
    }
  }

  for (const patch of k.patches ?? []) {
    refuseUnknown(patch, FIELDS.patch, `${file} patches`);
    refuseUnknown(patch.target ?? {}, FIELDS.target, `${file} patches.target`);
    const [operations] = parseYamlDocuments(patch.patch, `${file} patch`);
    if (!Array.isArray(operations)) {
      throw new Error(`${file}: only JSON6902 patches (a list of operations) are supported`);
    }
    const targets = items.filter((item) => matchesTarget(item.object, patch.target));
    if (targets.length === 0) {
      throw new Error(`${file}: patch target ${JSON.stringify(patch.target)} matches nothing`);
    }
    for (const item of targets) {
      item.object = applyJsonPatch(item.object, operations as PatchOperation[]);
    }
  }

  for (const entry of k.labels ?? []) {
    refuseUnknown(entry, FIELDS.labels, `${file} labels`);
    if (entry.includeSelectors || entry.includeTemplates) {
      throw new Error(`${file}: labels with includeSelectors/includeTemplates are not supported`);
    }
    for (const { object } of items) {
      object.metadata.labels = { ...object.metadata.labels, ...entry.pairs };
    }
  }

  for (const image of k.images ?? []) {
    refuseUnknown(image, FIELDS.image, `${file} images`);
    for (const { object } of items) {
      for (const container of containersOf(object)) {
        container.image = retag(container.image, image);
      }
    }
  }
  return items;
}

function generateConfigMap(
  items: Item[],
  generator: ConfigMapGenerator,
  dir: string,
  file: string,
): void {
  refuseUnknown(generator, FIELDS.configMapGenerator, `${file} configMapGenerator`);
  const data: Record<string, string> = {};
  for (const literal of generator.literals ?? []) {
    const at = literal.indexOf('=');
    if (at <= 0) throw new Error(`${file}: literal "${literal}" is not KEY=VALUE`);
    const value = literal.slice(at + 1);
    data[literal.slice(0, at)] = /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value;
  }
  for (const entry of generator.files ?? []) {
    const at = entry.indexOf('=');
    const [key, path] =
      at > 0 ? [entry.slice(0, at), entry.slice(at + 1)] : [basename(entry), entry];
    data[key] = readFileSync(resolve(dir, path), 'utf8');
  }
  const behavior = generator.behavior ?? 'create';
  const existing = items.find(
    (item) => item.object.kind === 'ConfigMap' && item.object.metadata.name === generator.name,
  );
  if (behavior === 'create') {
    if (existing) throw new Error(`${file}: ConfigMap ${generator.name} already exists`);
    items.push({
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data },
      generated: true,
    });
    return;
  }
  if (!existing) {
    throw new Error(`${file}: cannot ${behavior} ConfigMap ${generator.name}: it does not exist`);
  }
  existing.object.data =
    behavior === 'merge' ? { ...(existing.object.data as Record<string, string>), ...data } : data;
}

function matchesTarget(object: KubeObject, target: Patch['target']): boolean {
  if (target.kind && object.kind !== target.kind) return false;
  if (target.name && object.metadata.name !== target.name) return false;
  if (target.namespace && object.metadata.namespace !== target.namespace) return false;
  if (target.labelSelector) {
    for (const requirement of target.labelSelector.split(',')) {
      const [key, value] = requirement.split('=').map((s) => s.trim());
      if (object.metadata.labels?.[key] !== value) return false;
    }
  }
  return true;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are plain, loosely typed data */
type Container = { image: string } & Record<string, unknown>;
type PodSpec = {
  containers?: Container[];
  initContainers?: Container[];
  volumes?: Array<Record<string, unknown>>;
};

/** The pod spec of a workload, or undefined. */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = object.spec as Record<string, any> | undefined;
  switch (object.kind) {
    case 'Pod':
      return spec as PodSpec;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return spec?.template?.spec as PodSpec | undefined;
    case 'CronJob':
      return spec?.jobTemplate?.spec?.template?.spec as PodSpec | undefined;
    default:
      return undefined;
  }
}

function containersOf(object: KubeObject): Container[] {
  const pod = podSpecOf(object);
  return [...(pod?.initContainers ?? []), ...(pod?.containers ?? [])];
}

function retag(
  reference: string,
  image: { name: string; newName?: string; newTag?: string; digest?: string },
): string {
  const at = reference.indexOf('@');
  const withoutDigest = at >= 0 ? reference.slice(0, at) : reference;
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  if (name !== image.name) return reference;
  const newName = image.newName ?? name;
  if (image.digest) return `${newName}@${image.digest}`;
  if (image.newTag) return `${newName}:${image.newTag}`;
  return `${newName}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}

function renameConfigMapReferences(object: KubeObject, renamed: Map<string, string>): void {
  const pod = podSpecOf(object);
  if (!pod) return;
  const rename = (holder: Record<string, any> | undefined, key = 'name') => {
    if (!holder || typeof holder[key] !== 'string') return;
    const next = renamed.get(`${object.metadata.namespace ?? ''}/${holder[key]}`);
    if (next) holder[key] = next;
  };
  for (const container of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    for (const source of (container.envFrom as Array<Record<string, any>> | undefined) ?? []) {
      rename(source.configMapRef);
    }
    for (const variable of (container.env as Array<Record<string, any>> | undefined) ?? []) {
      rename(variable.valueFrom?.configMapKeyRef);
    }
  }
  for (const volume of pod.volumes ?? []) {
    rename(volume.configMap as Record<string, any> | undefined);
    const sources = (volume.projected as { sources?: Array<Record<string, any>> } | undefined)
      ?.sources;
    for (const source of sources ?? []) rename(source.configMap);
  }
}

function gvkKey(object: KubeObject): string {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['~G', object.apiVersion];
  return `${group}_${version}_${object.kind}`;
}

function rank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function sortLegacy(objects: KubeObject[]): KubeObject[] {
  const key = (o: KubeObject) => `${gvkKey(o)}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
  return [...objects].sort((a, b) => {
    const byRank = rank(a.kind) - rank(b.kind);
    if (byRank !== 0) return byRank;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
}
