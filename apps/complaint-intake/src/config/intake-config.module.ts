import { Global, Module, type DynamicModule } from '@nestjs/common';
import { INTAKE_CONFIG, type IntakeConfig } from './intake.settings.js';

/** Makes the validated intake configuration injectable everywhere (`@Inject(INTAKE_CONFIG)`). */
@Global()
@Module({})
export class IntakeConfigModule {
  static forRoot(config: IntakeConfig): DynamicModule {
    return {
      module: IntakeConfigModule,
      providers: [{ provide: INTAKE_CONFIG, useValue: config }],
      exports: [INTAKE_CONFIG],
    };
  }
}
