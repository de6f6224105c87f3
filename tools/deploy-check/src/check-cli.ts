// `npx nx run deploy-check:check [-- k8s/overlays/<dir> …]`: the same checks as the tests, as a
// report (exit 1 on findings), for the example overlays or the given ones. A given overlay's tier
// and parent follow from its INSTANCE_DIVISION.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkCompose, mergeCompose, parseCompose } from './checks/compose.js';
import { checkDockerfile } from './checks/dockerfile.js';
import { formatFindings, type Finding } from './checks/finding.js';
import { checkInstance } from './checks/instance.js';
import { checkWorkloads } from './checks/workloads.js';
import { DOCKER_DIR, REPO_ROOT, overlayDir } from './paths.js';
import { chooseRenderer, render } from './render.js';
import { findUnknownFields } from './schema/field-tree.js';
import { validateSchemas } from './schema/kube-schema.js';
import { TIERS, tierFor, type Tier } from './tiers.js';
import type { KubeObject } from './yaml-documents.js';

const renderer = chooseRenderer();
const findings: Finding[] = [];
const given = process.argv.slice(2);
const overlays: Array<{ dir: string; tier: (objects: KubeObject[]) => Tier | undefined }> =
  given.length > 0
    ? given.map((dir) => ({
        dir: resolve(REPO_ROOT, dir),
        tier: (objects) => {
          const instance = objects.find(
            (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('minsheng-instance'),
          );
          const division = (instance?.data as Record<string, string> | undefined)
            ?.INSTANCE_DIVISION;
          if (division) return tierFor(division);
          findings.push({ object: dir, rule: 'division', message: 'no INSTANCE_DIVISION' });
          return undefined;
        },
      }))
    : TIERS.map((tier) => ({ dir: overlayDir(tier.name), tier: () => tier }));
for (const overlay of overlays) {
  const objects = render(overlay.dir, renderer);
  const tier = overlay.tier(objects);
  findings.push(
    ...(await validateSchemas(objects)),
    ...findUnknownFields(objects),
    ...checkWorkloads(objects),
    ...(tier ? checkInstance(objects, tier) : []),
  );
  const what = tier ? `${tier.name} ${tier.division}` : 'no division';
  process.stdout.write(`${overlay.dir}: ${what}, ${objects.length} objects (${renderer.name})\n`);
}
const read = (name: string) => readFileSync(join(DOCKER_DIR, name), 'utf8');
const base = parseCompose(read('compose.yml'), 'compose.yml', findings);
const tiers = parseCompose(read('compose.tiers.yml'), 'compose.tiers.yml', findings);
findings.push(
  ...checkCompose(base, 'compose.yml'),
  ...checkCompose(mergeCompose(base, tiers), 'compose.yml+compose.tiers.yml'),
  ...checkDockerfile(read('service.Dockerfile'), 'service.Dockerfile', { requireInit: true }),
  ...checkDockerfile(read('web.Dockerfile'), 'web.Dockerfile', { requireInit: false }),
);
if (findings.length > 0) {
  process.stdout.write(`${formatFindings(findings)}\n${findings.length} finding(s)\n`);
  process.exitCode = 1;
} else {
  process.stdout.write('no findings\n');
}
