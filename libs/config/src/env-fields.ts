import { z } from 'zod';

const urlWithScheme = (schemes: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL with scheme ${schemes.join(' or ')}` },
  );

/** Reusable env field schemas; every service composes its own env from these. */
export const envFields = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  postgresUrl: () => urlWithScheme(['postgres', 'postgresql']),
  natsUrls: () =>
    z
      .string()
      .min(1)
      .transform((value) => value.split(',').map((s) => s.trim()))
      .pipe(z.array(urlWithScheme(['nats', 'tls', 'ws', 'wss']))),
  redisUrl: () => urlWithScheme(['redis', 'rediss']),
  divisionCode: () => z.string().regex(/^\d{6}$/, { message: 'must be a 6-digit GB/T 2260 code' }),
  identifier: () =>
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, { message: 'must be lower-case letters, digits, _' }),
  natsNamespace: () =>
    z
      .string()
      .regex(/^[a-zA-Z0-9_-]+(\.[a-zA-Z0-9_-]+)*$/, { message: 'must be NATS subject tokens' }),
  logLevel: () =>
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  milliseconds: (fallback: number) =>
    z.coerce.number().int().min(0).max(3_600_000).default(fallback),
  bytes: (fallback: number) =>
    z.coerce
      .number()
      .int()
      .min(1)
      .max(1 << 30)
      .default(fallback),
  flag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((v) => v === 'true' || v === '1'),
};
