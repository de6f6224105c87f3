export { ObservabilityModule } from './observability.module.js';
export { HealthRegistry, type HealthCheck } from './health/health-registry.js';
export { instrumentHttp } from './metrics/http-metrics.js';
export { sharedMetric } from './metrics/shared-metric.js';
export { requestContext, type RequestContextValues } from './request-context.js';
export { redactSensitiveText, redactLogRecord, REDACTED_LOG_KEYS } from './redaction.js';
export { rootLogger, type LoggingOptions } from './logger.module.js';
export { logHttpRequests, type RequestLineLogger } from './request-log.js';
