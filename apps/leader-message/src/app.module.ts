import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { LeaderMessageConfigModule } from './config/leader-message-config.module.js';
import { leaderMessageConfig, type LeaderMessageEnv } from './config/leader-message.settings.js';
import { LeaderMessageModule } from './leader-message.module.js';
import { entities, migrations } from './schema.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: LeaderMessageEnv): DynamicModule {
    const config = leaderMessageConfig(env);
    const common: ServiceEnv = { ...env, settings: {} };
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(common, { entities, migrations }),
        LeaderMessageConfigModule.forRoot(config),
        LeaderMessageModule,
      ],
    };
  }
}
