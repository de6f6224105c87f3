import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock } from '../clock.js';
import { VIDEO_RECEPTION_CONFIG, type VideoReceptionConfig } from './video-reception.settings.js';

/** Makes the validated configuration and the clock injectable everywhere. */
@Global()
@Module({})
export class VideoReceptionConfigModule {
  static forRoot(config: VideoReceptionConfig): DynamicModule {
    return {
      module: VideoReceptionConfigModule,
      providers: [{ provide: VIDEO_RECEPTION_CONFIG, useValue: config }, Clock],
      exports: [VIDEO_RECEPTION_CONFIG, Clock],
    };
  }
}
