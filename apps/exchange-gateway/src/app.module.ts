import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { FederationModule } from './federation/federation.module.js';
import type { FederationSettings } from './federation/federation.settings.js';
import { IntegratorModule } from './integrator/integrator.module.js';
import { entities, migrations } from './schema.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: ServiceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(env, { entities, migrations }),
        FederationModule.forRoot(env as ServiceEnv<FederationSettings>),
        IntegratorModule.forRoot(env),
      ],
    };
  }
}
