import {
  INTEGRATOR_SCOPES,
  type IntegratorScope,
  type RegisterIntegratorClientRequest,
} from '@minsheng/contracts';
import { findDivision } from '@minsheng/domain';
import { citizenText } from './validation.js';

/** What the register form edits; divisions as typed (codes separated by commas or spaces). */
export interface IntegratorClientForm {
  name: string;
  scopes: IntegratorScope[];
  divisions: string;
  rateLimitPerMinute: number | null;
}

export const DEFAULT_RATE_LIMIT = 600;
export const MAX_RATE_LIMIT = 100_000;
export const MAX_ALLOWED_DIVISIONS = 200;

export const emptyIntegratorClientForm = (): IntegratorClientForm => ({
  name: '',
  scopes: [],
  divisions: '',
  rateLimitPerMinute: DEFAULT_RATE_LIMIT,
});

/** `510000, 510100　510104、…` → the distinct codes, in the order typed. */
export function parseDivisionCodes(typed: string): string[] {
  return [...new Set(typed.split(/[\s,，、;；]+/).filter(Boolean))];
}

export type IntegratorClientFault =
  | { field: 'name' | 'scopes' | 'divisions' | 'rateLimitPerMinute'; key: string }
  | { field: 'divisions'; key: 'admin.clientForm.unknownDivision'; code: string };

/**
 * Every field at fault with its message key, as exchange-gateway's
 * registerIntegratorClientRequestSchema would find it (jurisdiction is the gateway's to check).
 */
export function validateIntegratorClient(form: IntegratorClientForm): IntegratorClientFault[] {
  const faults: IntegratorClientFault[] = [];
  const name = citizenText(100)(form.name);
  if (name) faults.push({ field: 'name', key: name });
  const scopes = form.scopes.filter((s) => (INTEGRATOR_SCOPES as readonly string[]).includes(s));
  if (scopes.length === 0) faults.push({ field: 'scopes', key: 'admin.clientForm.scopesRequired' });
  const codes = parseDivisionCodes(form.divisions);
  const unknown = codes.find((code) => !/^\d{6}$/.test(code) || !findDivision(code));
  if (codes.length === 0) {
    faults.push({ field: 'divisions', key: 'admin.clientForm.divisionsRequired' });
  } else if (unknown) {
    faults.push({ field: 'divisions', key: 'admin.clientForm.unknownDivision', code: unknown });
  } else if (codes.length > MAX_ALLOWED_DIVISIONS) {
    faults.push({ field: 'divisions', key: 'admin.clientForm.tooManyDivisions' });
  }
  const rate = form.rateLimitPerMinute;
  if (rate === null || !Number.isInteger(rate) || rate < 1 || rate > MAX_RATE_LIMIT) {
    faults.push({ field: 'rateLimitPerMinute', key: 'admin.clientForm.rateLimitInvalid' });
  }
  return faults;
}

/** The request body of `POST /exchange/v1/admin/clients` (call only when valid). */
export function toRegisterRequest(form: IntegratorClientForm): RegisterIntegratorClientRequest {
  return {
    name: form.name.trim(),
    scopes: INTEGRATOR_SCOPES.filter((s) => form.scopes.includes(s)),
    allowedDivisions: parseDivisionCodes(form.divisions),
    rateLimitPerMinute: form.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT,
  };
}

/** A field path in the gateway's refusal (`allowedDivisions.0`) → the form's field. */
export function clientFormFieldOf(path: string): keyof IntegratorClientForm | null {
  const head = path.split('.')[0];
  if (head === 'allowedDivisions') return 'divisions';
  return head === 'name' || head === 'scopes' || head === 'rateLimitPerMinute' ? head : null;
}
