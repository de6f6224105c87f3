// Schema validation with kubernetes-models: each object is checked against the OpenAPI schema of
// its apiVersion/kind (types, required fields, enums, formats). It does not flag unknown fields;
// field-tree.ts does that.
import type { Finding } from '../checks/finding.js';
import { objectId, type KubeObject } from '../yaml-documents.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

const models = new Map<string, Promise<ModelClass | undefined>>();

/** kubernetes-models' module for an apiVersion and kind: `apps/v1` + `Deployment` → apps/v1/Deployment. */
export const modelPath = (apiVersion: string, kind: string): string => `${apiVersion}/${kind}`;

function loadModel(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  const key = modelPath(apiVersion, kind);
  let model = models.get(key);
  if (!model) {
    model = import(`kubernetes-models/${key}`).then(
      (module: Record<string, unknown>) => module[kind] as ModelClass | undefined,
      () => undefined,
    );
    models.set(key, model);
  }
  return model;
}

export async function validateSchemas(objects: KubeObject[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const object of objects) {
    const Model = await loadModel(object.apiVersion, object.kind);
    if (!Model) {
      findings.push({
        object: objectId(object),
        rule: 'schema',
        message: `no Kubernetes schema for ${object.apiVersion} ${object.kind}`,
      });
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      const errors = (error as { errors?: Array<{ instancePath: string; message?: string }> })
        .errors;
      const details = errors?.length
        ? errors.map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
        : [(error as Error).message];
      for (const message of details) {
        findings.push({ object: objectId(object), rule: 'schema', message });
      }
    }
  }
  return findings;
}
