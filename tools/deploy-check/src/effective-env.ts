// What a container's environment will be, the way the kubelet builds it: variables from envFrom
// (ConfigMaps) first, then env in order, each value's $(VAR) replaced by a variable defined before
// it ($$ escapes; an undefined reference stays as written, which is how a typo slips through).
// Secret values are unknown here and stand as <secret:name/key>.
import type { KubeObject } from './yaml-documents.js';

export interface EffectiveEnv {
  values: Map<string, string>;
  /** $(VAR) references that did not resolve, per variable. */
  unresolved: Array<{ variable: string; reference: string }>;
}

type Container = {
  envFrom?: Array<{
    configMapRef?: { name: string; optional?: boolean };
    secretRef?: { name: string };
  }>;
  env?: Array<{
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
      fieldRef?: { fieldPath: string };
    };
  }>;
};

export function effectiveEnv(container: Container, objects: KubeObject[]): EffectiveEnv {
  const configMap = (name: string) =>
    objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === name)?.data as
      Record<string, string> | undefined;
  const values = new Map<string, string>();
  const unresolved: EffectiveEnv['unresolved'] = [];
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      for (const [key, value] of Object.entries(configMap(source.configMapRef.name) ?? {})) {
        values.set(key, value);
      }
    }
  }
  for (const variable of container.env ?? []) {
    let value: string;
    if (variable.value !== undefined) {
      value = variable.value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name) => {
        if (match === '$$') return '$';
        const known = values.get(name);
        if (known === undefined) unresolved.push({ variable: variable.name, reference: match });
        return known ?? match;
      });
    } else if (variable.valueFrom?.secretKeyRef) {
      const { name, key } = variable.valueFrom.secretKeyRef;
      value = `<secret:${name}/${key}>`;
    } else if (variable.valueFrom?.configMapKeyRef) {
      const { name, key } = variable.valueFrom.configMapKeyRef;
      value = configMap(name)?.[key] ?? `<missing:${name}/${key}>`;
    } else {
      value = `<field:${variable.valueFrom?.fieldRef?.fieldPath ?? '?'}>`;
    }
    values.set(variable.name, value);
  }
  return { values, unresolved };
}
