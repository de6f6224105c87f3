import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import {
  STATISTICS_CONFIG,
  statisticsConfig,
  type StatisticsEnv,
} from './config/statistics.settings.js';
import { entities, migrations } from './schema.js';
import { StatisticsModule } from './statistics.module.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: ServiceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(env, { entities, migrations }),
        StatisticsModule.forRoot({
          provide: STATISTICS_CONFIG,
          useValue: statisticsConfig(env as StatisticsEnv),
        }),
      ],
    };
  }
}
