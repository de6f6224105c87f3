// What schema validation cannot see: the rules every object of an instance must follow.
import { podSpecOf } from '../kustomize/builtin-renderer.js';
import { effectiveEnv } from '../effective-env.js';
import { objectId, type KubeObject } from '../yaml-documents.js';
import type { Finding } from './finding.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are plain, loosely typed data */
type Any = Record<string, any>;

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** An image reference pinned to a version (or a digest): a tag other than latest, with a digit. */
export function isPinnedImage(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/')) return false;
  const tag = image.slice(colon + 1);
  return tag !== 'latest' && /\d/.test(tag);
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string>) =>
  !!selector &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels[k] === v);

function containersOf(pod: Any): Any[] {
  return [...(pod.initContainers ?? []), ...(pod.containers ?? [])];
}

export function checkWorkloads(objects: KubeObject[]): Finding[] {
  const findings: Finding[] = [];
  const add = (object: KubeObject, rule: string, message: string) =>
    findings.push({ object: objectId(object), rule, message });
  const byKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const configMaps = new Set(byKind('ConfigMap').map((o) => o.metadata.name));

  for (const object of objects) {
    if (object.kind === 'Secret' && (object.data || object.stringData)) {
      add(
        object,
        'no-secret-values',
        'Secret values do not belong in the repository: reference a Secret the operator creates',
      );
    }
    const pod = podSpecOf(object) as Any | undefined;
    if (!pod) continue;
    const podSecurity: Any = pod.securityContext ?? {};
    if (pod.automountServiceAccountToken !== false) {
      add(
        object,
        'service-account-token',
        'automountServiceAccountToken must be false (no service calls the Kubernetes API)',
      );
    }
    if (pod.enableServiceLinks !== false) {
      add(
        object,
        'service-links',
        'enableServiceLinks must be false (service links set IDENTITY_PORT=tcp://… and the like)',
      );
    }
    for (const container of containersOf(pod)) {
      const where = `container ${container.name}`;
      const security: Any = container.securityContext ?? {};
      if (typeof container.image !== 'string' || !isPinnedImage(container.image)) {
        add(
          object,
          'image-pinned',
          `${where}: image "${container.image}" is not pinned to a version (no tag, or latest)`,
        );
      }
      const resources: Any = container.resources ?? {};
      for (const [group, name] of [
        ['requests', 'cpu'],
        ['requests', 'memory'],
        ['limits', 'memory'],
      ]) {
        if (resources[group]?.[name] === undefined) {
          add(object, 'resources', `${where}: resources.${group}.${name} is not set`);
        }
      }
      if (LONG_RUNNING.has(object.kind)) {
        for (const probe of ['livenessProbe', 'readinessProbe']) {
          if (!container[probe]) add(object, 'probes', `${where}: no ${probe}`);
        }
      }
      const nonRoot = security.runAsNonRoot ?? podSecurity.runAsNonRoot;
      const user = security.runAsUser ?? podSecurity.runAsUser;
      if (nonRoot !== true || user === 0) {
        add(object, 'non-root', `${where}: must run with runAsNonRoot: true and a non-zero user`);
      }
      if (security.readOnlyRootFilesystem !== true) {
        add(object, 'read-only-root', `${where}: readOnlyRootFilesystem must be true`);
      }
      if (security.allowPrivilegeEscalation !== false || security.privileged === true) {
        add(
          object,
          'privilege',
          `${where}: allowPrivilegeEscalation must be false and privileged unset`,
        );
      }
      if (!security.capabilities?.drop?.includes('ALL') || security.capabilities?.add?.length) {
        add(object, 'capabilities', `${where}: must drop ALL capabilities and add none`);
      }
      const seccomp = security.seccompProfile?.type ?? podSecurity.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
        add(object, 'seccomp', `${where}: seccompProfile must be RuntimeDefault`);
      }
      for (const source of container.envFrom ?? []) {
        const name = source.configMapRef?.name;
        if (name && !source.configMapRef.optional && !configMaps.has(name)) {
          add(
            object,
            'config-references',
            `${where}: envFrom ConfigMap ${name} is not in the render`,
          );
        }
      }
      for (const { variable, reference } of effectiveEnv(container, objects).unresolved) {
        add(
          object,
          'env-references',
          `${where}: ${variable} refers to ${reference}, which is not defined before it`,
        );
      }
    }
    for (const volume of pod.volumes ?? []) {
      const name = volume.configMap?.name;
      if (name && !volume.configMap.optional && !configMaps.has(name)) {
        add(
          object,
          'config-references',
          `volume ${volume.name}: ConfigMap ${name} is not in the render`,
        );
      }
    }
  }

  const workloads = objects.filter((o) => LONG_RUNNING.has(o.kind));
  const templateLabels = (o: KubeObject): Record<string, string> =>
    (o.spec as Any)?.template?.metadata?.labels ?? {};
  const policies = byKind('NetworkPolicy');
  if (
    !policies.some(
      (p) =>
        Object.keys((p.spec as Any).podSelector ?? {}).length === 0 &&
        ['Ingress', 'Egress'].every((t) => (p.spec as Any).policyTypes?.includes(t)) &&
        !(p.spec as Any).ingress &&
        !(p.spec as Any).egress,
    )
  ) {
    findings.push({
      object: '(instance)',
      rule: 'network-policy',
      message: 'no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)',
    });
  }
  for (const workload of workloads) {
    const labels = templateLabels(workload);
    const ports = new Set(
      containersOf((workload.spec as Any).template.spec).flatMap((c: Any) =>
        (c.ports ?? []).map((p: Any) => p.name),
      ),
    );
    const selected = (selector: Any) => matches(selector?.matchLabels ?? selector, labels);
    if (!byKind('Service').some((s) => selected((s.spec as Any).selector))) {
      add(workload, 'service', 'no Service selects its pods');
    }
    if (
      !policies.some(
        (p) =>
          selected((p.spec as Any).podSelector) &&
          ((p.spec as Any).policyTypes ?? []).includes('Ingress'),
      )
    ) {
      add(workload, 'network-policy', 'no NetworkPolicy of its own says who may reach its pods');
    }
    if (workload.kind !== 'Deployment') continue;
    if (!byKind('PodDisruptionBudget').some((p) => selected((p.spec as Any).selector))) {
      add(workload, 'pod-disruption-budget', 'no PodDisruptionBudget selects its pods');
    }
    const hpa = byKind('HorizontalPodAutoscaler').find(
      (h) =>
        (h.spec as Any).scaleTargetRef?.kind === 'Deployment' &&
        (h.spec as Any).scaleTargetRef?.name === workload.metadata.name,
    );
    if (!hpa) add(workload, 'autoscaler', 'no HorizontalPodAutoscaler scales it');
    else if (!(
      (hpa.spec as Any).minReplicas >= 1 &&
      (hpa.spec as Any).minReplicas <= (hpa.spec as Any).maxReplicas
    )) {
      add(workload, 'autoscaler', 'HorizontalPodAutoscaler needs 1 ≤ minReplicas ≤ maxReplicas');
    }
    for (const service of byKind('Service').filter((s) => selected((s.spec as Any).selector))) {
      for (const port of (service.spec as Any).ports ?? []) {
        if (typeof port.targetPort === 'string' && !ports.has(port.targetPort)) {
          add(
            service,
            'service',
            `targetPort ${port.targetPort} is not a container port of ${workload.metadata.name}`,
          );
        }
      }
    }
  }

  for (const ingress of byKind('Ingress')) {
    for (const rule of (ingress.spec as Any).rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend?.service;
        const service = byKind('Service').find((s) => s.metadata.name === backend?.name);
        const hasPort = (service?.spec as Any)?.ports?.some(
          (p: Any) => p.name === backend?.port?.name || p.port === backend?.port?.number,
        );
        if (!service || !hasPort) {
          add(
            ingress,
            'ingress-backend',
            `${path.path} → ${backend?.name}:${backend?.port?.name ?? backend?.port?.number} does not exist`,
          );
        }
      }
    }
  }
  return findings;
}
