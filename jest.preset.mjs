// Shared Jest setup: ESM mode (Nest 12 is ESM-only), SWC for speed, workspace libs from source.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Every test target writes its results there (--outputFile), and Jest does not create the folder:
// on a fresh clone `npm run test:resilience` or one `nx run <project>:test` would otherwise fail
// after its tests had passed.
mkdirSync(`${root}.local/test-results`, { recursive: true });

/**
 * @param {string} projectDir absolute path of the project
 * @param {{ services?: boolean } & object} options services: resolve Postgres/NATS/Redis first
 */
export function jestConfig(projectDir, { services = false, ...overrides } = {}) {
  return {
    rootDir: projectDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'es6' },
        },
      ],
    },
    moduleNameMapper: {
      '^@minsheng/([a-z-]+)$': `${root}libs/$1/src/index.ts`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
      // Both are ESM-only and Jest's VM modules cannot link them on Node 20.
      '^content-disposition$': 'content-disposition-cjs',
      '^cookie$': 'cookie-cjs',
    },
    ...(services ? { globalSetup: `${root}tools/jest/global-setup.mjs` } : {}),
    testMatch: [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/test/**/*.int-spec.ts',
      '<rootDir>/src/**/*.e2e-spec.ts',
    ],
    testTimeout: 30_000,
    ...overrides,
  };
}
