// Dockerfiles, read as text (no Docker engine here): pinned base images, a non-root user in the
// final stage, a HEALTHCHECK, and an init process as PID 1 where the service runs under node.
import { isPinnedImage } from './workloads.js';
import type { Finding } from './finding.js';

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with line continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

export function checkDockerfile(
  text: string,
  source: string,
  { requireInit }: { requireInit: boolean },
): Finding[] {
  const findings: Finding[] = [];
  const fail = (rule: string, message: string) => findings.push({ object: source, rule, message });
  const instructions = parseDockerfile(text);
  const args = new Map<string, string>();
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name, value] = instruction.args.split('=');
      if (value !== undefined) args.set(name, value);
    }
    if (instruction.keyword === 'FROM') stages.push([]);
    stages.at(-1)?.push(instruction);
  }
  const stageNames = new Set<string>();
  const reported = new Set<string>();
  for (const stage of stages) {
    const [image, as, name] = stage[0].args.replace(/--platform=\S+\s+/, '').split(/\s+/);
    const resolved = image.replace(/\$\{?(\w+)\}?/g, (_m, arg) => args.get(arg) ?? 'unset');
    if (!stageNames.has(resolved) && !isPinnedImage(resolved) && !reported.has(resolved)) {
      reported.add(resolved);
      fail('image-pinned', `FROM ${image} (${resolved}) is not pinned to a version`);
    }
    if (as?.toUpperCase() === 'AS' && name) stageNames.add(name);
  }
  const final = stages.at(-1) ?? [];
  const user = final.filter((i) => i.keyword === 'USER').at(-1)?.args;
  if (!user || /^(0|root)(:|$)/.test(user) || !/^\d+(:\d+)?$/.test(user)) {
    fail(
      'non-root',
      `the final stage must end with a numeric non-root USER (found ${user ?? 'none'})`,
    );
  }
  if (!final.some((i) => i.keyword === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args))) {
    fail('healthcheck', 'the final stage has no HEALTHCHECK');
  }
  if (requireInit) {
    const entrypoint = final.filter((i) => i.keyword === 'ENTRYPOINT').at(-1)?.args ?? '';
    if (!/tini|dumb-init/.test(entrypoint)) {
      fail(
        'pid1',
        'ENTRYPOINT must start an init (tini) so signals reach node and zombies are reaped',
      );
    }
    if (!instructions.some((i) => i.keyword === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args))) {
      fail(
        'production-dependencies',
        'no `npm ci --omit=dev`: the image must carry production dependencies only',
      );
    }
  }
  return findings;
}
