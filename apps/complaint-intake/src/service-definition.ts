import type { ServiceDefinition } from '@minsheng/runtime';
import { AppModule } from './app.module.js';

export const serviceDefinition: ServiceDefinition = {
  service: 'complaint-intake',
  title: '民声 · 网上投诉受理 (complaint-intake)',
  description:
    'The public door: citizens submit complaints and suggestions and follow their progress.',
  port: { variable: 'COMPLAINT_INTAKE_PORT', fallback: 3101 },
  module: AppModule.forRoot,
};
