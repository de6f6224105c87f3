// The committed NATS configs of Compose (docker/nats) and Kubernetes (k8s/base/nats, overlays'
// tier.conf) hold, setting by setting, what tools/network/nats-config.mjs generates — the
// generator `npm run up:network` and the federation tests run — so the three never drift apart.
// (The committed files keep their comments on TLS between sites; comments are not compared.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTierConf } from './nats-conf.js';
import { DOCKER_DIR, K8S_DIR, REPO_ROOT, overlayDir } from './paths.js';
import { TIERS } from './tiers.js';

interface Generator {
  deployedTierConf(
    target: 'compose' | 'kubernetes',
    division: string,
    options?: { hub?: boolean; parent?: string | null },
  ): string;
  natsConf(options?: { host?: string; port?: number; httpPort?: number }): string;
}

/** Every setting of a tier.conf the deployment depends on. */
function settings(text: string) {
  const code = text.replace(/(^|\s)#.*$/gm, '');
  return {
    ...readTierConf(text),
    storeDir: /\bstore_dir\s*[:=]\s*"?([^"\s]+)"?/.exec(code)?.[1],
    maxFileStore: /\bmax_file_store\s*[:=]\s*"?([^"\s]+)"?/.exec(code)?.[1],
  };
}

/** The top-level settings of nats.conf the generator writes (the host is NATS's default). */
function topLevel(text: string) {
  const code = text.replace(/(^|\s)#.*$/gm, '');
  const value = (key: string) => new RegExp(`^${key}\\s*[:=]?\\s*(.+)$`, 'm').exec(code)?.[1];
  return {
    port: value('port'),
    http_port: value('http_port'),
    max_payload: value('max_payload'),
    include: value('include'),
  };
}

describe('the committed NATS configs, against the generator in tools/network', () => {
  let generator: Generator;
  beforeAll(async () => {
    generator = (await import(join(REPO_ROOT, 'tools', 'network', 'nats-config.mjs'))) as Generator;
  });

  const read = (...path: string[]) => readFileSync(join(...path), 'utf8');

  it.each(TIERS)('Compose docker/nats/$name.conf', (tier) => {
    expect(settings(read(DOCKER_DIR, 'nats', `${tier.name}.conf`))).toEqual(
      settings(generator.deployedTierConf('compose', tier.division)),
    );
  });

  it('Compose docker/nats/standalone.conf (one instance: no parent, no children)', () => {
    expect(settings(read(DOCKER_DIR, 'nats', 'standalone.conf'))).toEqual(
      settings(generator.deployedTierConf('compose', '510104', { parent: null, hub: false })),
    );
  });

  it.each(TIERS)('Kubernetes k8s/overlays/$name/tier.conf', (tier) => {
    expect(settings(read(overlayDir(tier.name), 'tier.conf'))).toEqual(
      settings(generator.deployedTierConf('kubernetes', tier.division)),
    );
  });

  it.each([
    ['docker/nats/nats.conf', join(DOCKER_DIR, 'nats', 'nats.conf')],
    ['k8s/base/nats/nats.conf', join(K8S_DIR, 'base', 'nats', 'nats.conf')],
  ])('the shared %s', (_name, file) => {
    expect(topLevel(read(file))).toEqual(topLevel(generator.natsConf()));
  });

  it('notices a drifted setting (the comparison is not vacuous)', () => {
    const committed = read(overlayDir('city'), 'tier.conf');
    expect(settings(committed)).toMatchObject({
      domain: '510100',
      leafnodeListen: '0.0.0.0:7422',
      remoteUrls: ['nats-leaf://nats-leaf.510000.minsheng.example:7422'],
      maxFileStore: '90GB',
    });
    const drifted = committed.replace('domain: "510100"', 'domain: "510199"');
    expect(settings(drifted)).not.toEqual(
      settings(generator.deployedTierConf('kubernetes', '510100')),
    );
  });
});
