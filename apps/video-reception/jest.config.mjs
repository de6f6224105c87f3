import { fileURLToPath } from 'node:url';
import { jestConfig } from '../../jest.preset.mjs';

// The concurrency suites send 50 bookings at once; on two shared cores under CI load that can
// take far longer than the default 30 s, though a few seconds here.
export default jestConfig(fileURLToPath(new URL('.', import.meta.url)), {
  services: true,
  testTimeout: 120_000,
});
