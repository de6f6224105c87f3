import type { Principal } from './principal.js';

export interface AccessDenial {
  principal: Principal;
  handler: string;
  transport: string;
  requiredRoles: string[];
}

/**
 * Where the guard reports permission denials. Bound by the service runtime to the audit trail;
 * declared here so that auth does not depend on audit.
 */
export abstract class AccessAuditor {
  abstract denied(denial: AccessDenial): Promise<void>;
}
