import { Injectable } from '@nestjs/common';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { AccessAuditor, type AccessDenial } from '@minsheng/auth';

/** Records the guard's permission denials in the service's audit trail. */
@Injectable()
export class AuditAccessAuditor extends AccessAuditor {
  constructor(private readonly audit: AuditTrail) {
    super();
  }

  async denied({ principal, handler, transport, requiredRoles }: AccessDenial): Promise<void> {
    await this.audit.record({
      action: 'access.denied',
      outcome: 'denied',
      actor: actorOf(principal),
      details: { handler, transport, requiredRoles },
    });
  }
}
