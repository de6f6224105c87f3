import { fileURLToPath } from 'node:url';
import { jestConfig } from '../../jest.preset.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));

// No Postgres/NATS/Redis: only kubectl (installed when missing, see jest.global-setup.mjs).
export default jestConfig(here, { globalSetup: `${here}jest.global-setup.mjs` });
