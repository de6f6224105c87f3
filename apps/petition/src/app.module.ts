import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { CampaignModule } from './campaign/campaign.module.js';
import { CaseModule } from './case/case.module.js';
import { PetitionConfigModule } from './config/petition-config.module.js';
import type { PetitionEnv } from './config/petition.settings.js';
import { MailboxModule } from './mailbox/mailbox.module.js';
import { OrganModule } from './organ/organ.module.js';
import { PetitionerModule } from './petitioner/petitioner.module.js';
import { RepeatModule } from './repeat/repeat.module.js';
import { entities, migrations } from './schema.js';
import { SuggestionModule } from './suggestion/suggestion.module.js';
import { SupervisionModule } from './supervision/supervision.module.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: PetitionEnv): DynamicModule {
    // The core needs only the common variables; the petition settings are provided below.
    const common: ServiceEnv = { ...env, settings: {} };
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(common, { entities, migrations }),
        PetitionConfigModule.forRoot(env.settings),
        OrganModule,
        CaseModule,
        PetitionerModule,
        RepeatModule,
        SupervisionModule,
        SuggestionModule,
        MailboxModule,
        CampaignModule,
      ],
    };
  }
}
