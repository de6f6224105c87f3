// 18-digit resident ID numbers (with optional X) and mainland mobile numbers, wherever they appear.
const ID_NUMBER =
  /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/g;

// Every log line passes through here: a cheap test first keeps the common case fast.
const MAYBE_SENSITIVE = /\d{11}|Bearer/i;

/** Replaces ID numbers, mobile numbers and bearer tokens in free text. */
export function redactSensitiveText(text: string): string {
  if (!MAYBE_SENSITIVE.test(text)) return text;
  return text
    .replace(ID_NUMBER, '[REDACTED_ID]')
    .replace(MOBILE, '[REDACTED_PHONE]')
    .replace(BEARER, '$1[REDACTED]');
}

/**
 * Fields that never reach a log line, whatever their content, at any depth. Censored in the one
 * walk that also redacts text: pino's path-based `redact` did the same for a few fixed depths in a
 * second pass, and was half the cost of every log line.
 */
export const REDACTED_LOG_KEYS: ReadonlySet<string> = new Set([
  'idNumber',
  'phone',
  'password',
  'token',
  'queryCode',
  'petitioner',
  'authorization',
  'cookie',
  'set-cookie',
  'x-query-code',
]);

const CENSORED = '[REDACTED]';

const MAX_DEPTH = 8;

/**
 * A log record with sensitive text patterns replaced in every string and the values of
 * {@link REDACTED_LOG_KEYS} censored. Copies only what changes, so the record passed in is never
 * modified and clean records cost no allocation.
 */
export function redactLogRecord<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return redactSensitiveText(value) as T;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const mapped = value.map((v) => redactLogRecord(v, depth + 1));
    return (mapped.some((v, i) => v !== value[i]) ? mapped : value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, v] of Object.entries(value)) {
    const redacted = redactField(key, v, depth + 1);
    if (redacted !== v) (out ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return (out ?? value) as T;
}

/** One field of a record: censored by its name, else redacted by its content. */
function redactField(key: string, value: unknown, depth: number): unknown {
  return REDACTED_LOG_KEYS.has(key) && value !== undefined
    ? CENSORED
    : redactLogRecord(value, depth);
}

/*
 * A request or response logged under these keys goes through its serializer, which picks the few
 * fields logged (the URL redacted), so walking the objects themselves — sockets, headers,
 * buffers — is wasted work: it was 4 % of intake's CPU under load.
 */
const SERIALIZED_SEPARATELY = new Set(['req', 'res']);

/** {@link redactLogRecord} for a whole log record, as pino's `formatters.log`. */
export function redactLogFields(record: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    if (SERIALIZED_SEPARATELY.has(key)) continue;
    const value = record[key];
    const redacted = redactField(key, value, 1);
    if (redacted !== value) (out ??= { ...record })[key] = redacted;
  }
  return out ?? record;
}
