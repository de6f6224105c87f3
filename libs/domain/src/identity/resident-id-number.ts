/**
 * Rules for the 18-character citizen identification number of GB 11643-1999:
 * 6-digit region code, 8-digit birth date (YYYYMMDD), 3-digit sequence (odd = male,
 * even = female) and an ISO 7064 MOD 11-2 check character (`0`-`9` or `X`).
 */

export type ResidentIdInvalidReason = 'FORMAT' | 'CHECKSUM' | 'BIRTH_DATE' | 'REGION';

export type ResidentIdSex = 'male' | 'female';

export interface ValidResidentIdNumber {
  readonly valid: true;
  /** The number with a lower-case `x` check character upper-cased. */
  readonly normalized: string;
  /** `YYYY-MM-DD`. */
  readonly birthDate: string;
  readonly sex: ResidentIdSex;
  /** First 6 digits: the region where the number was issued (it may have been abolished since). */
  readonly regionCode: string;
}

export interface InvalidResidentIdNumber {
  readonly valid: false;
  readonly reason: ResidentIdInvalidReason;
}

export type ResidentIdValidationResult = ValidResidentIdNumber | InvalidResidentIdNumber;

const FORMAT_PATTERN = /^\d{17}[\dXx]$/;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** Province-level prefixes of GB/T 2260 (including 71 Taiwan, 81 Hong Kong, 82 Macao). */
// prettier-ignore
const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** Offset of China Standard Time (UTC+8, no daylight saving) in milliseconds. */
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Check character (`0`-`9` or `X`) for the first 17 digits of an ID number.
 * @throws RangeError when `first17` is not exactly 17 digits.
 */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('Expected exactly 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * WEIGHTS[i]!;
  }
  return CHECK_CHARS[sum % 11]!;
}

/** `YYYY-MM-DD` of the calendar day `instant` falls on in China Standard Time. */
function chinaCalendarDate(instant: Date): string {
  const shifted = new Date(instant.getTime() + CHINA_UTC_OFFSET_MS);
  const y = String(shifted.getUTCFullYear()).padStart(4, '0');
  const m = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  const d = String(shifted.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * Validates an 18-character resident ID number (GB 11643-1999).
 *
 * Checks, in this order: FORMAT (17 digits then a digit or `X`/`x`), CHECKSUM,
 * BIRTH_DATE (a real calendar date from 1900-01-01 up to `today`, where `today` is
 * taken as a calendar day in China Standard Time) and REGION (the first two digits
 * are a province-level GB/T 2260 code; the full 6-digit code is not looked up,
 * because region codes are abolished over time while the ID numbers stay valid).
 * The input is not trimmed.
 */
export function validateResidentIdNumber(
  input: string,
  today: Date = new Date(),
): ResidentIdValidationResult {
  if (typeof input !== 'string' || !FORMAT_PATTERN.test(input)) {
    return { valid: false, reason: 'FORMAT' };
  }
  const normalized = input.toUpperCase();
  if (residentIdCheckCharacter(normalized.slice(0, 17)) !== normalized[17]) {
    return { valid: false, reason: 'CHECKSUM' };
  }

  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (
    !isRealCalendarDate(year, month, day) ||
    birthDate < EARLIEST_BIRTH_DATE ||
    birthDate > chinaCalendarDate(today)
  ) {
    return { valid: false, reason: 'BIRTH_DATE' };
  }

  if (!PROVINCE_PREFIXES.has(normalized.slice(0, 2))) {
    return { valid: false, reason: 'REGION' };
  }

  const sequence = Number(normalized.slice(14, 17));
  return {
    valid: true,
    normalized,
    birthDate,
    sex: sequence % 2 === 1 ? 'male' : 'female',
    regionCode: normalized.slice(0, 6),
  };
}

function maskMiddle(value: string, keepStart: number, keepEnd: number): string {
  if (value.length <= keepStart + keepEnd) return '*'.repeat(value.length);
  return (
    value.slice(0, keepStart) +
    '*'.repeat(value.length - keepStart - keepEnd) +
    value.slice(-keepEnd)
  );
}

/**
 * Masks an ID number for display, keeping the first 6 and last 4 characters:
 * `510104199003071234` → `510104********1234`. Input of 10 characters or fewer is masked entirely.
 */
export function maskResidentIdNumber(id: string): string {
  return maskMiddle(id, 6, 4);
}

/**
 * Masks a phone number for display, keeping the first 3 and last 4 characters:
 * `13800138000` → `138****8000`. Input of 7 characters or fewer is masked entirely.
 */
export function maskPhoneNumber(phone: string): string {
  return maskMiddle(phone, 3, 4);
}

/** Whether `phone` is an 11-digit mainland China mobile number (`1[3-9]` + 9 digits). */
export function isMainlandMobileNumber(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}
