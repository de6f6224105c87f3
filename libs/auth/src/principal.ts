import type { Role } from '@minsheng/contracts';
import { isWithinJurisdiction } from '@minsheng/domain';

/** Who is calling: a staff member, scoped to a division subtree and optionally an organ. */
export interface Principal {
  userId: string;
  roles: Role[];
  /** GB/T 2260 code; access covers this division and everything below it. */
  divisionCode: string;
  organId: string | null;
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}

/** True when the record's division lies inside the principal's jurisdiction. */
export function coversDivision(principal: Principal, divisionCode: string): boolean {
  return isWithinJurisdiction(principal.divisionCode, divisionCode);
}
