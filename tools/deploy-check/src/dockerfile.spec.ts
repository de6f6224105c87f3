import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDockerfile } from './checks/dockerfile.js';
import { formatFindings } from './checks/finding.js';
import { DOCKER_DIR } from './paths.js';

const serviceDockerfile = readFileSync(join(DOCKER_DIR, 'service.Dockerfile'), 'utf8');
const webDockerfile = readFileSync(join(DOCKER_DIR, 'web.Dockerfile'), 'utf8');
const rules = (text: string, requireInit = true) =>
  checkDockerfile(text, 'Dockerfile', { requireInit }).map((f) => f.rule);

describe('docker/service.Dockerfile', () => {
  it('pins its base image, ends as a numeric non-root user, has a HEALTHCHECK, tini as PID 1 and production dependencies only', () => {
    expect(
      formatFindings(
        checkDockerfile(serviceDockerfile, 'service.Dockerfile', { requireInit: true }),
      ),
    ).toBe('');
  });

  it('is caught with an unpinned base image', () => {
    expect(
      rules(serviceDockerfile.replaceAll('node:20.20.2-bookworm-slim', 'node:latest')),
    ).toEqual(['image-pinned']);
    expect(rules(serviceDockerfile.replaceAll('node:20.20.2-bookworm-slim', 'node'))).toEqual([
      'image-pinned',
    ]);
  });

  it('is caught running as root or without a health check or init', () => {
    expect(rules(serviceDockerfile.replace('USER 10001:10001', 'USER root'))).toEqual(['non-root']);
    expect(rules(serviceDockerfile.replace(/^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, ''))).toEqual([
      'healthcheck',
    ]);
    expect(rules(serviceDockerfile.replace('ENTRYPOINT ["/usr/bin/tini", "--"]', ''))).toEqual([
      'pid1',
    ]);
    expect(rules(serviceDockerfile.replace('--omit=dev ', ''))).toEqual([
      'production-dependencies',
    ]);
  });

  it('stages exactly the libraries the service imports and installs no dev dependencies in the runtime image', () => {
    expect(serviceDockerfile).toContain('RUN node docker/stage-app.mjs "${APP}" /out');
    expect(serviceDockerfile).toMatch(
      /FROM \$\{NODE_IMAGE\} AS runtime[\s\S]*COPY --from=prod-deps \/app \.\//,
    );
  });
});

describe('docker/web.Dockerfile (coming)', () => {
  it('pins both base images and ends as the unprivileged nginx user with a HEALTHCHECK', () => {
    expect(
      formatFindings(checkDockerfile(webDockerfile, 'web.Dockerfile', { requireInit: false })),
    ).toBe('');
    expect(
      rules(webDockerfile.replace('nginx-unprivileged:1.28.0-alpine', 'nginx-unprivileged'), false),
    ).toEqual(['image-pinned']);
  });
});
