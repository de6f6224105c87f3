import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { AccountModule } from './account/account.module.js';
import { CampaignObserverModule } from './campaign-observer/campaign-observer.module.js';
import { IdentityConfigModule } from './config/identity-config.module.js';
import { assertProductionSecrets, type IdentityEnv } from './config/identity.settings.js';
import { SessionModule } from './session/session.module.js';
import { SigningModule } from './signing/signing.module.js';
import { entities, migrations } from './schema.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: IdentityEnv): DynamicModule {
    assertProductionSecrets(env);
    // The core needs only the common variables; the identity settings are provided below.
    const common: ServiceEnv = { ...env, settings: {} };
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(common, { entities, migrations }),
        IdentityConfigModule.forRoot(env.settings),
        SigningModule,
        AccountModule,
        SessionModule,
        CampaignObserverModule,
      ],
    };
  }
}
