import { parseAllDocuments } from 'yaml';

export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> } & Record<
    string,
    unknown
  >;
} & Record<string, unknown>;

/**
 * Every document of a YAML stream, strictly: a syntax error, a duplicate key or an anchor used
 * where it is not defined throws, naming the source. Empty documents are skipped.
 */
export function parseYamlDocuments(
  text: string,
  source: string,
  { merge = false }: { merge?: boolean } = {},
): unknown[] {
  const documents = parseAllDocuments(text, { uniqueKeys: true, merge, prettyErrors: true });
  if (!Array.isArray(documents)) return [];
  const values: unknown[] = [];
  for (const document of documents) {
    const problems = [...document.errors, ...document.warnings];
    if (problems.length > 0) {
      throw new Error(`${source}: ${problems.map((p) => p.message).join('; ')}`);
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

/** Kubernetes objects from a multi-document manifest; each must have apiVersion, kind and a name. */
export function parseKubeObjects(text: string, source: string): KubeObject[] {
  return parseYamlDocuments(text, source).map((value, index) => {
    const object = value as Partial<KubeObject>;
    if (
      typeof object !== 'object' ||
      typeof object.apiVersion !== 'string' ||
      typeof object.kind !== 'string' ||
      typeof object.metadata?.name !== 'string'
    ) {
      throw new Error(`${source}: document ${index + 1} is not a Kubernetes object with a name`);
    }
    return object as KubeObject;
  });
}

export const objectId = (object: KubeObject): string =>
  `${object.kind}/${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
