export interface AuditOptions {
  /** The service's schema, which holds its audit_record table. */
  schema: string;
  /** The instance's division: audit records of no division are visible to its audit admins. */
  instanceDivision: string;
  /** Kept at least this long; the database refuses to purge anything younger than 180 days. */
  retentionDays?: number;
  sealIntervalMs?: number;
  retentionIntervalMs?: number;
  /** The id of the request being handled, to link records to logs (from the runtime's context). */
  currentRequestId?: () => string | undefined;
}

export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');
export const MIN_RETENTION_DAYS = 180;
