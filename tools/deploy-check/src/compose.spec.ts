import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompose, mergeCompose, parseCompose } from './checks/compose.js';
import { formatFindings, type Finding } from './checks/finding.js';
import { DOCKER_DIR, FIXTURES_DIR } from './paths.js';
import { TIERS } from './tiers.js';

const read = (file: string) => readFileSync(file, 'utf8');

describe('docker/compose.yml', () => {
  const findings: Finding[] = [];
  const compose = parseCompose(read(join(DOCKER_DIR, 'compose.yml')), 'compose.yml', findings);

  it('is valid YAML with known keys only', () => {
    expect(formatFindings(findings)).toBe('');
  });

  it('gives every long-running service a health check and awaits every one-shot service', () => {
    expect(formatFindings(checkCompose(compose, 'compose.yml'))).toBe('');
  });

  it('runs Postgres, Redis, NATS, MinIO, the seven services, their migrations and the web app', () => {
    const services = Object.keys(compose.services);
    for (const name of ['postgres', 'redis', 'nats', 'minio', 'web'])
      expect(services).toContain(name);
    for (const name of [
      'identity',
      'complaint-intake',
      'petition',
      'video-reception',
      'statistics',
      'leader-message',
      'exchange-gateway',
    ]) {
      expect(services).toContain(name);
      expect(compose.services[`migrate-${name}`].command).toEqual([
        'node',
        `apps/${name}/dist/migrate.js`,
      ]);
      expect(compose.services[name].depends_on[`migrate-${name}`]).toEqual({
        condition: 'service_completed_successfully',
      });
    }
    expect(compose.services.web.profiles).toBeUndefined();
    expect(compose.services.web.build.dockerfile).toBe('docker/web.Dockerfile');
  });

  it('runs the services non-root-friendly: read-only root, no capabilities, no new privileges', () => {
    for (const name of ['identity', 'petition', 'exchange-gateway']) {
      const service = compose.services[name];
      expect(service.read_only).toBe(true);
      expect(service.cap_drop).toEqual(['ALL']);
      expect(service.security_opt).toEqual(['no-new-privileges:true']);
    }
  });
});

describe('docker/compose.tiers.yml on top of compose.yml', () => {
  const findings: Finding[] = [];
  const base = parseCompose(read(join(DOCKER_DIR, 'compose.yml')), 'compose.yml', findings);
  const tiers = parseCompose(
    read(join(DOCKER_DIR, 'compose.tiers.yml')),
    'compose.tiers.yml',
    findings,
  );
  const merged = mergeCompose(base, tiers);

  it('is valid YAML with known keys only, and only touches services of compose.yml', () => {
    expect(formatFindings(findings)).toBe('');
    for (const name of Object.keys(tiers.services))
      expect(Object.keys(base.services)).toContain(name);
  });

  it('still passes every check when merged', () => {
    expect(formatFindings(checkCompose(merged, 'compose.yml+compose.tiers.yml'))).toBe('');
  });

  it("joins the tiers' NATS servers on one network, each as nats-<division>, with its tier configuration", () => {
    expect(merged.networks.tiers).toEqual({ name: 'minsheng-tiers', external: true });
    expect(merged.services.nats.networks.tiers.aliases).toEqual([
      expect.stringMatching(/^nats-\$\{INSTANCE_DIVISION:\?/),
    ]);
    expect(merged.services.nats.volumes).toContainEqual(
      expect.stringMatching(/^\.\/nats\/\$\{TIER:\?[^}]*\}\.conf:\/etc\/nats\/tier\.conf:ro$/),
    );
  });

  it.each(TIERS)(
    'has a $name env file and NATS tier file naming $division and its parent',
    (tier) => {
      const env = Object.fromEntries(
        read(join(DOCKER_DIR, 'tiers', `${tier.name}.env`))
          .split('\n')
          .filter((line) => /^[A-Z_]+=/.test(line))
          .map((line) => line.split(/=(.*)/s).slice(0, 2)),
      );
      expect(env.TIER).toBe(tier.name);
      expect(env.INSTANCE_DIVISION).toBe(tier.division);
      const conf = read(join(DOCKER_DIR, 'nats', `${tier.name}.conf`));
      expect(conf).toContain(`domain: "${tier.division}"`);
      if (tier.parent) expect(conf).toContain(`url: "nats-leaf://nats-${tier.parent}:7422"`);
      else expect(conf).not.toMatch(/^\s*remotes/m);
      expect(/^\s*listen:/m.test(conf)).toBe(tier.hub);
    },
  );
});

describe('the deliberately broken compose fixture', () => {
  const findings: Finding[] = [];
  const compose = parseCompose(read(join(FIXTURES_DIR, 'broken-compose.yml')), 'broken', findings);
  findings.push(...checkCompose(compose, 'broken'));
  const rules = (service: string) =>
    findings.filter((f) => f.object === `broken ${service}`).map((f) => f.rule);

  it('is caught: misspelt key, no health check, unpinned images, bad dependencies, literal secrets', () => {
    expect(rules('api').sort()).toEqual(
      [
        'compose-keys',
        'depends-on',
        'depends-on',
        'healthcheck',
        'image-pinned',
        'no-secret-values',
        'no-secret-values',
      ].sort(),
    );
    expect(rules('postgres')).toEqual(['image-pinned']);
  });

  it('rejects a YAML file with a duplicate key', () => {
    expect(() => parseCompose('services:\n  a: {}\n  a: {}\n', 'dup', [])).toThrow(/dup/);
  });
});
