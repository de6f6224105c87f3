export { ObservabilityModule } from './observability.module.js';
export { HealthRegistry, type HealthCheck } from './health/health-registry.js';
export { instrumentHttp } from './metrics/http-metrics.js';
export { sharedMetric } from './metrics/shared-metric.js';
export { requestContext, type RequestContextValues } from './request-context.js';
export { redactSensitiveText, redactLogRecord, REDACTED_LOG_PATHS } from './redaction.js';
export type { LoggingOptions } from './logger.module.js';
