import type { IntegratorScope } from '@minsheng/contracts';
import { isWithinJurisdiction } from '@minsheng/domain';
import type { IntegratorClientEntity } from './integrator-client.entity.js';

/** The authenticated caller of an integrator endpoint (never carries the secret). */
export interface IntegratorCaller {
  clientId: string;
  name: string;
  scopes: IntegratorScope[];
  allowedDivisions: string[];
  via: 'signature' | 'open311-api-key';
}

export function callerOf(
  client: IntegratorClientEntity,
  via: IntegratorCaller['via'],
): IntegratorCaller {
  return {
    clientId: client.id,
    name: client.name,
    scopes: client.scopes,
    allowedDivisions: client.allowedDivisions,
    via,
  };
}

export function allowsDivision(
  caller: Pick<IntegratorCaller, 'allowedDivisions'>,
  code: string,
): boolean {
  return caller.allowedDivisions.some((scope) => isWithinJurisdiction(scope, code));
}

/** `LIKE` patterns of the allowed subtrees, for filtering in SQL. */
export function divisionPatterns(caller: Pick<IntegratorCaller, 'allowedDivisions'>): string[] {
  return caller.allowedDivisions.map((code) => {
    if (code.endsWith('0000')) return `${code.slice(0, 2)}%`;
    if (code.endsWith('00')) return `${code.slice(0, 4)}%`;
    return code;
  });
}

/** Whether the caller sees every case of its divisions, or only what it submitted. */
export const seesWholeInstance = (caller: Pick<IntegratorCaller, 'scopes'>) =>
  caller.scopes.includes('cases:read');

export const INTEGRATOR_SCOPE = 'minsheng:integrator-scope';
const CALLER = Symbol('integrator-caller');

export function attachCaller(request: object, caller: IntegratorCaller): void {
  (request as Record<symbol, IntegratorCaller>)[CALLER] = caller;
}

export function callerFromRequest(request: object): IntegratorCaller | undefined {
  return (request as Record<symbol, IntegratorCaller | undefined>)[CALLER];
}
