import { join } from 'node:path';
import { checkWorkloads } from './checks/workloads.js';
import type { Finding } from './checks/finding.js';
import { FIXTURES_DIR } from './paths.js';
import { chooseRenderer, render } from './render.js';
import { findUnknownFields } from './schema/field-tree.js';
import { validateSchemas } from './schema/kube-schema.js';
import type { KubeObject } from './yaml-documents.js';

describe('the deliberately broken manifest fixture', () => {
  let objects: KubeObject[];
  let findings: Finding[];
  const messages = (rule: string) =>
    findings.filter((f) => f.rule === rule).map((f) => `${f.object}: ${f.message}`);

  beforeAll(async () => {
    // It renders fine: kustomize checks none of this.
    objects = render(join(FIXTURES_DIR, 'broken-manifests'), chooseRenderer());
    findings = [
      ...(await validateSchemas(objects)),
      ...findUnknownFields(objects),
      ...checkWorkloads(objects),
    ];
  });

  it('fails schema validation where a port is a string', () => {
    expect(messages('schema')).toEqual([
      'Deployment/broken: /spec/template/spec/containers/0/ports/0/containerPort must be integer',
    ]);
  });

  it('names the misspelt fields the schema validation lets through', () => {
    expect(messages('unknown-field').sort()).toEqual([
      'Deployment/broken: /spec/template/spec/containers/0/readinesProbe is not a field of Deployment',
      'Deployment/broken: /spec/template/spec/containers/0/resource is not a field of Deployment',
    ]);
  });

  it('rejects the latest tag', () => {
    expect(messages('image-pinned')).toEqual([
      'Deployment/broken: container broken: image "minsheng/petition:latest" is not pinned to a version (no tag, or latest)',
    ]);
  });

  it('finds the missing resources and probes', () => {
    expect(messages('resources')).toHaveLength(3);
    expect(messages('probes')).toEqual([
      'Deployment/broken: container broken: no livenessProbe',
      'Deployment/broken: container broken: no readinessProbe',
    ]);
  });

  it('finds a root, privileged container with a writable root filesystem and its capabilities', () => {
    for (const rule of ['non-root', 'read-only-root', 'privilege', 'capabilities', 'seccomp']) {
      expect(messages(rule)).toHaveLength(1);
    }
  });

  it('finds the environment reference that would reach the process unexpanded', () => {
    expect(messages('env-references')).toEqual([
      'Deployment/broken: container broken: DATABASE_URL refers to $(DB_USER), which is not defined before it',
    ]);
  });

  it('finds the committed secret value', () => {
    expect(messages('no-secret-values')).toEqual([
      'Secret/minsheng-database: Secret values do not belong in the repository: reference a Secret the operator creates',
    ]);
  });

  it('finds a workload without a Service, disruption budget, autoscaler or network policy', () => {
    for (const rule of ['service', 'pod-disruption-budget', 'autoscaler']) {
      expect(messages(rule)).toHaveLength(1);
    }
    expect(messages('network-policy')).toEqual([
      '(instance): no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)',
      'Deployment/broken: no NetworkPolicy of its own says who may reach its pods',
    ]);
  });
});
