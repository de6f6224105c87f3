import { Module, type DynamicModule } from '@nestjs/common';
import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { ServiceCoreModule, type ServiceDefinition, type ServiceEnv } from '@minsheng/runtime';

export const probeMigrations = [...messagingMigrations, CreateAuditRecords1764400050000];

@Module({})
class ProbeAppModule {
  static forRoot(env: ServiceEnv): DynamicModule {
    return {
      module: ProbeAppModule,
      imports: [ServiceCoreModule.forRoot(env, { entities: [], migrations: probeMigrations })],
    };
  }
}

/** A service with nothing but the common core, for testing the harness itself. */
export function probeService(service: string): ServiceDefinition {
  return {
    service,
    title: service,
    description: `${service} (test probe)`,
    port: { variable: `${service.toUpperCase().replace(/-/g, '_')}_PORT`, fallback: 0 },
    module: (env) => ProbeAppModule.forRoot(env),
  };
}
