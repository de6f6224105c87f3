import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { AfterReplyModule } from './after-reply/after-reply.module.js';
import { AttachmentModule } from './attachment/attachment.module.js';
import { CategoryModule } from './category/category.module.js';
import { ComplaintModule } from './complaint/complaint.module.js';
import { IntakeConfigModule } from './config/intake-config.module.js';
import { LeaderMailboxModule } from './mailbox/leader-mailbox.module.js';
import { intakeConfig, type IntakeEnv } from './config/intake.settings.js';
import { ProtectionModule } from './protection/protection.module.js';
import { TrackingModule } from './tracking/tracking.module.js';
import { entities, migrations } from './schema.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: IntakeEnv): DynamicModule {
    const config = intakeConfig(env);
    // The core needs only the common variables; the intake settings are provided below.
    const common: ServiceEnv = { ...env, settings: {} };
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(common, { entities, migrations }),
        IntakeConfigModule.forRoot(config),
        CategoryModule,
        ProtectionModule,
        TrackingModule,
        ComplaintModule,
        AttachmentModule,
        AfterReplyModule,
        LeaderMailboxModule,
      ],
    };
  }
}
