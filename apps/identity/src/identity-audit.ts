import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditTrail, SYSTEM_ACTOR, actorOf, type AuditOutcome } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';

interface AccountRef {
  id: string;
  divisionCode: string;
}

/**
 * The identity service's entries in the audit trail (等保: logins, failed logins and every
 * administrative change, attributable to a person). Never records passwords, codes or tokens.
 */
@Injectable()
export class IdentityAudit {
  constructor(private readonly audit: AuditTrail) {}

  async login(
    outcome: AuditOutcome,
    username: string,
    ip: string,
    account?: { id: string; roles: string[]; divisionCode: string } | null,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record({
      action: 'auth.login',
      outcome,
      actor: account
        ? { id: account.id, roles: account.roles, divisionCode: account.divisionCode }
        : { id: `username:${username}`, roles: [], divisionCode: null },
      divisionCode: account?.divisionCode ?? null,
      ip,
      details: { username, ...details },
    });
  }

  async session(
    action: 'auth.logout' | 'auth.session.revoked' | 'auth.refresh.refused',
    outcome: AuditOutcome,
    accountId: string | null,
    sessionId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record({
      action,
      outcome,
      actor: accountId ? { id: accountId, roles: [], divisionCode: null } : SYSTEM_ACTOR,
      target: { type: 'staff-session', id: sessionId },
      details,
    });
  }

  /** `system`: a change the service made by itself, in reaction to an event. */
  async accountChanged(
    administrator: Principal | 'bootstrap' | 'system',
    action: string,
    account: AccountRef,
    details: Record<string, unknown> = {},
    tx?: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        action,
        outcome: 'success',
        actor:
          administrator === 'bootstrap'
            ? { ...SYSTEM_ACTOR, id: 'bootstrap-cli' }
            : administrator === 'system'
              ? SYSTEM_ACTOR
              : actorOf(administrator),
        target: { type: 'staff-account', id: account.id },
        divisionCode: account.divisionCode,
        details,
      },
      tx,
    );
  }
}
