import { Global, Module, type DynamicModule } from '@nestjs/common';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity.settings.js';

/** Makes the validated identity settings injectable everywhere (`@Inject(IDENTITY_SETTINGS)`). */
@Global()
@Module({})
export class IdentityConfigModule {
  static forRoot(settings: IdentitySettings): DynamicModule {
    return {
      module: IdentityConfigModule,
      providers: [{ provide: IDENTITY_SETTINGS, useValue: settings }],
      exports: [IDENTITY_SETTINGS],
    };
  }
}
