import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { entities, migrations } from './schema.js';
import { StatisticsModule } from './statistics.module.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: ServiceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot(env, { entities, migrations }), StatisticsModule],
    };
  }
}
