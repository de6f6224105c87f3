import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../clock.js';
import { LEADER_MESSAGE_CONFIG, type LeaderMessageConfig } from './leader-message.settings.js';

/** Makes the validated configuration and the clock injectable everywhere. */
@Global()
@Module({})
export class LeaderMessageConfigModule {
  static forRoot(config: LeaderMessageConfig): DynamicModule {
    return {
      module: LeaderMessageConfigModule,
      providers: [{ provide: LEADER_MESSAGE_CONFIG, useValue: config }, Clock],
      exports: [LEADER_MESSAGE_CONFIG, Clock],
    };
  }
}
