import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditQuery } from './audit-query.js';
import { AuditRetention } from './audit-retention.js';
import { AuditSealer } from './audit-sealer.js';
import { AuditTrail } from './audit-trail.js';
import { AUDIT_OPTIONS, type AuditOptions } from './audit.options.js';

/** The service's audit trail: writing, sealing into the SM3 chain, retention and queries. */
@Global()
@Module({})
export class AuditModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      providers: [
        { provide: AUDIT_OPTIONS, useValue: options },
        AuditTrail,
        AuditSealer,
        AuditRetention,
        AuditQuery,
      ],
      exports: [AuditTrail, AuditQuery, AuditSealer, AuditRetention],
    };
  }
}
