export { bootstrapService, type ServiceBootstrapOptions } from './bootstrap-service.js';
export { ApiExceptionFilter } from './api-exception.filter.js';
export { ZodValidationPipe } from './zod-validation.pipe.js';
export { openApiSchema } from './open-api-schema.js';
export { loadServiceEnv, type ServiceEnv } from './service-env.js';
export {
  ServiceCoreModule,
  REDIS,
  SERVICE_ENV,
  type ServiceCoreOptions,
} from './service-core.module.js';
export { runMigrationsCli, runKeyRotationCli } from './migrate-cli.js';
export { runService, type ServiceDefinition } from './run-service.js';
export { PersonalData, type ProtectedValue } from './personal-data.js';
export { protectColumns, revealColumns } from './protect-columns.migration.js';
export { rotateFieldKeys, type EncryptedColumns } from './rotate-field-keys.js';
