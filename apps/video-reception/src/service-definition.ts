import type { ServiceDefinition } from '@minsheng/runtime';
import { AppModule } from './app.module.js';
import { videoReceptionSettings } from './config/video-reception.settings.js';

export const serviceDefinition: ServiceDefinition<typeof videoReceptionSettings> = {
  service: 'video-reception',
  title: '民声 · 视频接访系统 (video-reception)',
  description:
    'Reception days, bookable slots, video sessions, reception records and case ownership.',
  port: { variable: 'VIDEO_RECEPTION_PORT', fallback: 3103 },
  settings: videoReceptionSettings,
  module: AppModule.forRoot,
};
