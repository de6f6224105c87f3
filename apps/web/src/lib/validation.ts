import { isMainlandMobileNumber, validateResidentIdNumber } from '@minsheng/domain';
import { isComplaintDivision } from './divisions.js';

/** A rule's answer: undefined when the value is fine, else the message key (i18n) to show. */
export type Check = (value: unknown) => string | undefined;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The same rules as the contracts' `citizenText`: not blank, no control characters, ≤ max. */
export const citizenText =
  (max: number, required = true): Check =>
  (value) => {
    const s = typeof value === 'string' ? value : '';
    if (s.trim().length === 0) return required ? 'validation.required' : undefined;
    if (s.length > max) return 'validation.tooLong';
    if (CONTROL.test(s) || LONE_SURROGATE.test(s)) return 'validation.badCharacters';
    return undefined;
  };

export const idNumber: Check = (value) => {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s) return 'validation.required';
  return validateResidentIdNumber(s).valid ? undefined : 'validation.idNumber';
};

export const mobile: Check = (value) => {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s) return 'validation.required';
  return isMainlandMobileNumber(s) ? undefined : 'validation.mobile';
};

export const complaintDivision: Check = (value) => {
  const s = typeof value === 'string' ? value : '';
  if (!s) return 'validation.divisionRequired';
  return isComplaintDivision(s) ? undefined : 'validation.divisionTooCoarse';
};

export const required: Check = (value) =>
  value === undefined || value === null || value === '' ? 'validation.required' : undefined;

export const totpCode: Check = (value) =>
  typeof value === 'string' && /^\d{6}$/.test(value) ? undefined : 'validation.totp';

/** Element Plus form rules from checks, with messages through the translator. */
export function formRule(check: Check, translate: (key: string) => string, trigger = 'blur') {
  return {
    trigger,
    validator: (_rule: unknown, value: unknown, callback: (error?: Error) => void) => {
      const key = check(value);
      callback(key ? new Error(translate(key)) : undefined);
    },
  };
}
