export { EnvValidationError, type EnvIssue } from './env-validation.error.js';
export { loadEnv } from './load-env.js';
export { envFields } from './env-fields.js';
