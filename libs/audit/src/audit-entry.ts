/** Who did something: a staff member, a citizen at the public door, or the system itself. */
export interface AuditActor {
  id: string;
  roles: string[];
  divisionCode: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { id: 'system', roles: [], divisionCode: null };
export const CITIZEN_ACTOR: AuditActor = { id: 'citizen', roles: [], divisionCode: null };

export type AuditOutcome = 'success' | 'denied' | 'failure';

/**
 * One audited act. `details` holds before/after states or context — never plain personal data
 * (mask it or refer to it by id).
 */
export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  actor: AuditActor;
  target?: { type: string; id: string };
  /** The division of the record concerned, for scoping who may read the audit record. */
  divisionCode?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditRecordRow {
  seq: string;
  id: string;
  at: Date;
  actor_id: string;
  actor_roles: string[];
  actor_division: string | null;
  action: string;
  outcome: AuditOutcome;
  target_type: string | null;
  target_id: string | null;
  division_code: string | null;
  request_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  chain_index: string | null;
  prev_hash: string | null;
  hash: string | null;
}
