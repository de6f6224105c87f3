import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCompose, mergeCompose, parseCompose } from './checks/compose.js';
import { formatFindings, type Finding } from './checks/finding.js';
import { DOCKER_DIR, FIXTURES_DIR } from './paths.js';
import { DEPLOYED_SETTINGS, SERVICES, TIERS } from './tiers.js';

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

  it('runs Postgres, Redis, NATS, MinIO, the seven services, their migrations, the text-analyser and the web app', () => {
    const services = Object.keys(compose.services);
    for (const name of ['postgres', 'redis', 'nats', 'minio', 'web', 'text-analyser'])
      expect(services).toContain(name);
    const stateful = SERVICES.filter((s) => !s.stateless).map((s) => s.name);
    expect(stateful).toEqual([
      'identity',
      'complaint-intake',
      'petition',
      'video-reception',
      'statistics',
      'leader-message',
      'exchange-gateway',
    ]);
    for (const name of stateful) {
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

  it('builds every service from service.Dockerfile and publishes its port as <HOST_PORT_PREFIX><port>', () => {
    for (const { name, port } of SERVICES) {
      const service = compose.services[name];
      expect([name, service?.build?.dockerfile, service?.build?.args?.APP]).toEqual([
        name,
        'docker/service.Dockerfile',
        name,
      ]);
      expect([name, service.image]).toEqual([name, `minsheng/${name}:\${MINSHENG_VERSION:-0.1.0}`]);
      expect([name, service.ports]).toEqual([
        name,
        [`127.0.0.1:\${HOST_PORT_PREFIX:-31}${String(port).slice(2)}:${port}`],
      ]);
    }
  });

  it('runs the stateless text-analyser with NATS only: no migrations, database, Redis or keys', () => {
    for (const { name } of SERVICES.filter((s) => s.stateless)) {
      const service = compose.services[name];
      expect(compose.services[`migrate-${name}`]).toBeUndefined();
      expect(Object.keys(service.depends_on)).toEqual(['nats']);
      expect(service.depends_on.nats).toEqual({ condition: 'service_healthy' });
      expect(service.secrets).toBeUndefined();
      const environment = service.environment as Record<string, string>;
      const keys = Object.keys(environment);
      // None of docker/.env's secrets (${…:?run node docker/dev-secrets.mjs}), no backing service.
      expect(keys.filter((key) => /\$\{[A-Z0-9_]+:\?/.test(String(environment[key])))).toEqual([]);
      expect(
        keys.filter((key) => /^(DATABASE_|REDIS_|AUTH_|FIELD_ENCRYPTION|LOOKUP_HASH)/.test(key)),
      ).toEqual([]);
      expect(environment.NATS_URL).toBe('nats://nats:4222');
    }
    // petition asks it, so it starts first.
    expect(compose.services.petition.depends_on['text-analyser']).toEqual({
      condition: 'service_healthy',
    });
  });

  it('sets what every deployment sets on a service (DEPLOYED_SETTINGS)', () => {
    for (const [name, settings] of Object.entries(DEPLOYED_SETTINGS)) {
      for (const [key, value] of Object.entries(settings)) {
        expect([name, key, compose.services[name]?.environment?.[key]]).toEqual([name, key, value]);
      }
    }
  });

  it('runs the services non-root-friendly: read-only root, no capabilities, no new privileges', () => {
    for (const name of ['identity', 'petition', 'exchange-gateway', 'text-analyser']) {
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
