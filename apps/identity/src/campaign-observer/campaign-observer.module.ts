import { Module } from '@nestjs/common';
import { AccountCoreModule } from '../account/account-core.module.js';
import { CampaignObserverHandler } from './campaign-observer.handler.js';

/** 特邀监督员: observer accounts follow their supervision campaigns (petition's events). */
@Module({
  imports: [AccountCoreModule],
  providers: [CampaignObserverHandler],
})
export class CampaignObserverModule {}
