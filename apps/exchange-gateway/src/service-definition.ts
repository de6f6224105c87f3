import type { ServiceDefinition } from '@minsheng/runtime';
import { AppModule } from './app.module.js';
import { federationSettings } from './federation/federation.settings.js';
import { integratorSettings } from './integrator/integrator.settings.js';

const settings = { ...federationSettings, ...integratorSettings };

export const serviceDefinition: ServiceDefinition<typeof settings> = {
  service: 'exchange-gateway',
  title: '民声 · 信访数据交换平台 (exchange-gateway)',
  description:
    'Cross-tier exchange between county, city and province instances, and the integrator API.',
  port: { variable: 'EXCHANGE_GATEWAY_PORT', fallback: 3106 },
  settings,
  module: AppModule.forRoot,
};
