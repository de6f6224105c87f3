import type { ServiceDefinition } from '@minsheng/runtime';
import { AppModule } from './app.module.js';
import { identitySettings } from './config/identity.settings.js';

export const serviceDefinition: ServiceDefinition<typeof identitySettings> = {
  service: 'identity',
  title: '民声 · 统一身份认证 (identity)',
  description:
    'The instance’s one token issuer: staff accounts with password + TOTP, sessions, refresh tokens and the JWKS every service verifies against.',
  port: { variable: 'IDENTITY_PORT', fallback: 3107 },
  settings: identitySettings,
  module: AppModule.forRoot,
};
