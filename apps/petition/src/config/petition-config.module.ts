import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DeadlineCalendar } from '@minsheng/domain';
import { CalendarCoverageCheck, createDeadlineCalendar } from './deadline-calendar.provider.js';
import { PETITION_SETTINGS, type PetitionSettings } from './petition.settings.js';

/** Makes the petition settings and the deployment's `DeadlineCalendar` injectable everywhere. */
@Global()
@Module({})
export class PetitionConfigModule {
  static forRoot(settings: PetitionSettings): DynamicModule {
    return {
      module: PetitionConfigModule,
      providers: [
        { provide: PETITION_SETTINGS, useValue: settings },
        { provide: DeadlineCalendar, useValue: createDeadlineCalendar(settings) },
        CalendarCoverageCheck,
      ],
      exports: [PETITION_SETTINGS, DeadlineCalendar],
    };
  }
}
