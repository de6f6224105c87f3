import type { ServiceDefinition } from '@minsheng/runtime';
import { AppModule } from './app.module.js';
import { intakeSettings } from './config/intake.settings.js';

export const serviceDefinition: ServiceDefinition<typeof intakeSettings> = {
  service: 'complaint-intake',
  title: '民声 · 网上投诉受理 (complaint-intake)',
  description:
    'The public door: citizens submit complaints and suggestions with attachments, follow their progress, rate the result and ask for review.',
  port: { variable: 'COMPLAINT_INTAKE_PORT', fallback: 3101 },
  settings: intakeSettings,
  module: AppModule.forRoot,
};
