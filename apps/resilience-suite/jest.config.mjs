import { fileURLToPath } from 'node:url';
import { jestConfig } from '../../jest.preset.mjs';

// Faults are injected into a private Postgres and NATS this suite starts itself; only Redis (never
// faulted) is the shared one.
export default jestConfig(fileURLToPath(new URL('.', import.meta.url)), {
  services: true,
  testMatch: ['<rootDir>/src/**/*.resilience.spec.ts'],
  testTimeout: 600_000,
});
