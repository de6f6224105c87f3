import { Inject, Injectable } from '@nestjs/common';
import type { OpenIdConfigurationResponse } from '@minsheng/contracts';
import { SERVICE_ENV, type ServiceEnv } from '@minsheng/runtime';
import { IDENTITY_SETTINGS, type IdentitySettings } from '../config/identity.settings.js';

/** OpenID Connect discovery metadata: enough for verifiers to find the issuer's keys. */
@Injectable()
export class GetOpenIdConfigurationUseCase {
  constructor(
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  execute(): OpenIdConfigurationResponse {
    return {
      issuer: this.env.AUTH_ISSUER,
      jwks_uri: `${this.settings.IDENTITY_PUBLIC_URL}/.well-known/jwks.json`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'roles', 'division', 'organ', 'sid'],
    };
  }
}
