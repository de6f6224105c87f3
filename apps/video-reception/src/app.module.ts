import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceCoreModule, type ServiceEnv } from '@minsheng/runtime';
import { BookingModule } from './booking/booking.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { VideoReceptionConfigModule } from './config/video-reception-config.module.js';
import { videoReceptionConfig, type VideoReceptionEnv } from './config/video-reception.settings.js';
import { HallModule } from './hall/hall.module.js';
import { RecordModule } from './record/record.module.js';
import { ScheduleModule } from './schedule/schedule.module.js';
import { SessionModule } from './session/session.module.js';
import { entities, migrations } from './schema.js';

@Module({})
export class AppModule {
  static forRoot(this: void, env: VideoReceptionEnv): DynamicModule {
    const config = videoReceptionConfig(env);
    // The core needs only the common variables; the service's own settings are provided below.
    const common: ServiceEnv = { ...env, settings: {} };
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot(common, { entities, migrations }),
        VideoReceptionConfigModule.forRoot(config),
        HallModule,
        ScheduleModule,
        BookingModule,
        SessionModule,
        RecordModule,
        CalendarModule,
      ],
    };
  }
}
