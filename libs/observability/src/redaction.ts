// 18-digit resident ID numbers (with optional X) and mainland mobile numbers, wherever they appear.
const ID_NUMBER =
  /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

/** Replaces ID numbers, mobile numbers and bearer tokens in free text. */
export function redactSensitiveText(text: string): string {
  return text
    .replace(ID_NUMBER, '[REDACTED_ID]')
    .replace(MOBILE, '[REDACTED_PHONE]')
    .replace(BEARER, '$1[REDACTED]');
}

/** Structured fields that never reach a log line, whatever their content. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-query-code"]',
  'req.query.queryCode',
  'res.headers["set-cookie"]',
  '*.idNumber',
  '*.phone',
  '*.password',
  '*.token',
  '*.queryCode',
  'petitioner',
  '*.petitioner',
];

const MAX_DEPTH = 8;

/** Deep copy of a log record with sensitive text patterns replaced in every string. */
export function redactLogRecord<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactSensitiveText(value) as T;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactLogRecord(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = redactLogRecord(v, depth + 1);
  return out as T;
}
