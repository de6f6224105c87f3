import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HealthController } from './health/health.controller.js';
import { HealthRegistry } from './health/health-registry.js';
import { loggingModule, type LoggingOptions } from './logger.module.js';
import { MetricsController } from './metrics/metrics.controller.js';

/** Logs, `/health/live`, `/health/ready` and `/metrics` for one service. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [loggingModule(options)],
      controllers: [HealthController, MetricsController],
      providers: [HealthRegistry],
      exports: [HealthRegistry],
    };
  }
}
