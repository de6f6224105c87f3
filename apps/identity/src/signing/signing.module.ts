import { Module } from '@nestjs/common';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';
import { AccessTokens } from './access-tokens.js';
import { DiscoveryHttpController } from './discovery.http.controller.js';
import { GetJwksUseCase } from './get-jwks.use-case.js';
import { GetOpenIdConfigurationUseCase } from './get-openid-configuration.use-case.js';
import { SigningKey } from './signing-key.js';

@Module({
  controllers: [DiscoveryHttpController],
  providers: [
    {
      provide: SigningKey,
      inject: [IDENTITY_SETTINGS],
      useFactory: (settings: IdentitySettings) =>
        settings.IDENTITY_SIGNING_KEY_FILE
          ? SigningKey.fromFile(settings.IDENTITY_SIGNING_KEY_FILE)
          : SigningKey.throwaway(),
    },
    AccessTokens,
    GetJwksUseCase,
    GetOpenIdConfigurationUseCase,
  ],
  exports: [AccessTokens],
})
export class SigningModule {}
