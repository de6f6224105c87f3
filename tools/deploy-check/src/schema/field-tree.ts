// Unknown-field detection. kubernetes-models validates types but accepts any extra property (a
// misspelt `resource:` or `readinesProbe:` passes, and the API server would drop it silently).
// The package's TypeScript declarations describe every field, so the TypeScript checker turns
// them into a tree of allowed fields per kind, and each object is walked against it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { Finding } from '../checks/finding.js';
import { REPO_ROOT } from '../paths.js';
import { objectId, type KubeObject } from '../yaml-documents.js';

type FieldNode =
  | { kind: 'scalar' }
  | { kind: 'any' }
  | { kind: 'array'; of: FieldNode }
  | { kind: 'object'; fields: Map<string, FieldNode>; values?: FieldNode };

const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike;

function modelsDir(): string {
  const dir = join(REPO_ROOT, 'node_modules', 'kubernetes-models');
  if (!existsSync(dir)) throw new Error('kubernetes-models is not installed (npm ci)');
  return dir;
}

/** The allowed-field trees of the given kinds (`apps/v1/Deployment` …), from one TS program. */
export function loadFieldTrees(kinds: string[]): Map<string, FieldNode> {
  const dir = modelsDir();
  const files = kinds
    .map((kind) => ({ kind, file: join(dir, `${kind}.d.ts`) }))
    .filter(({ file }) => existsSync(file));
  const program = ts.createProgram(
    files.map(({ file }) => file),
    {
      noEmit: true,
      types: [],
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    },
  );
  const checker = program.getTypeChecker();
  const memo = new Map<ts.Type, FieldNode>();

  const describe = (type: ts.Type): FieldNode => {
    const known = memo.get(type);
    if (known) return known;
    const t = checker.getNonNullableType(type);
    if (t.isUnion()) {
      const objects = t.types.filter((member) => !(member.flags & PRIMITIVE));
      if (objects.length === 0) return { kind: 'scalar' };
      return objects.length === 1 ? describe(objects[0]) : { kind: 'any' };
    }
    if (t.flags & PRIMITIVE) return { kind: 'scalar' };
    if (checker.isArrayType(t)) {
      const node: FieldNode = { kind: 'array', of: { kind: 'any' } };
      memo.set(type, node);
      node.of = describe(checker.getTypeArguments(t as ts.TypeReference)[0]);
      return node;
    }
    if (t.flags & ts.TypeFlags.Object) {
      const node: FieldNode = { kind: 'object', fields: new Map() };
      memo.set(type, node);
      const index = checker.getIndexInfoOfType(t, ts.IndexKind.String);
      if (index) node.values = describe(index.type);
      for (const property of checker.getPropertiesOfType(t)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (!declaration || ts.isMethodSignature(declaration)) continue;
        node.fields.set(
          property.name,
          describe(checker.getTypeOfSymbolAtLocation(property, declaration)),
        );
      }
      return node;
    }
    return { kind: 'any' };
  };

  const trees = new Map<string, FieldNode>();
  for (const { kind, file } of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    const name = `I${kind.split('/').pop()}`;
    const symbol = module && checker.getExportsOfModule(module).find((s) => s.name === name);
    if (symbol) trees.set(kind, describe(checker.getDeclaredTypeOfSymbol(symbol)));
  }
  return trees;
}

/** JSON-pointer-like paths of the fields in value that its tree does not allow. */
export function unknownFieldPaths(value: unknown, node: FieldNode, path = ''): string[] {
  if (value === null || value === undefined) return [];
  if (node.kind === 'array') {
    return Array.isArray(value)
      ? value.flatMap((item, i) => unknownFieldPaths(item, node.of, `${path}/${i}`))
      : [];
  }
  if (node.kind !== 'object' || typeof value !== 'object' || Array.isArray(value)) return [];
  const paths: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const field = node.fields.get(key) ?? node.values;
    if (!field) paths.push(`${path}/${key}`);
    else paths.push(...unknownFieldPaths(child, field, `${path}/${key}`));
  }
  return paths;
}

// Building the TypeScript program takes about a second: build it once, for the usual kinds.
const COMMON_KINDS = [
  'v1/Namespace',
  'v1/ConfigMap',
  'v1/Secret',
  'v1/Service',
  'v1/Pod',
  'v1/ServiceAccount',
  'v1/PersistentVolumeClaim',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'apps/v1/DaemonSet',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'networking.k8s.io/v1/NetworkPolicy',
  'networking.k8s.io/v1/Ingress',
];
const cache = new Map<string, FieldNode>();

function fieldTrees(kinds: string[]): Map<string, FieldNode> {
  const missing = kinds.filter((kind) => !cache.has(kind));
  if (missing.length > 0) {
    const load = cache.size === 0 ? [...new Set([...COMMON_KINDS, ...missing])] : missing;
    for (const [kind, tree] of loadFieldTrees(load)) cache.set(kind, tree);
  }
  return cache;
}

export function findUnknownFields(objects: KubeObject[]): Finding[] {
  const kinds = [...new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`))];
  const trees = fieldTrees(kinds);
  const findings: Finding[] = [];
  for (const object of objects) {
    const tree = trees.get(`${object.apiVersion}/${object.kind}`);
    if (!tree) continue; // reported by the schema check
    for (const path of unknownFieldPaths(object, tree)) {
      findings.push({
        object: objectId(object),
        rule: 'unknown-field',
        message: `${path} is not a field of ${object.kind}`,
      });
    }
  }
  return findings;
}
