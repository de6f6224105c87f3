import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { EnvValidationError, envFields } from '@minsheng/config';
import { DAY_COUNT_MODES, DeadlineCalendar, parseCalendarOverrides } from '@minsheng/domain';
import type { ServiceEnv } from '@minsheng/runtime';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** video-reception's own environment variables, validated with the common ones at boot. */
export const videoReceptionSettings = {
  /** How the 包案 follow-up period is counted: every day, or working days only. */
  DAY_COUNT_MODE: z
    .enum(DAY_COUNT_MODES as ['calendar-day', 'working-day'])
    .default('calendar-day'),
  /** The deployment's holidays and make-up workdays as JSON (`{"holidays":[…],"workdays":[…]}`). */
  CALENDAR_OVERRIDES: z.string().optional(),
  /** Days from a reception to the first follow-up of a case a leader takes on (包案). */
  CASE_OWNERSHIP_FOLLOW_UP_DAYS: int(15, 1, 365),
  /** Waiting-list places per slot; 0 turns the waiting list off. */
  WAITLIST_MAX_PER_SLOT: int(5, 0, 100),
  /** Reminders before a confirmed session, in minutes before its start (`1440,60` = a day and an hour). */
  REMINDER_LEAD_MINUTES: z
    .string()
    .default('1440,60')
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map(Number),
    )
    .pipe(
      z
        .array(
          z
            .number()
            .int()
            .min(1)
            .max(14 * 24 * 60),
        )
        .min(1),
    ),
  /** How often each replica looks for due notices. */
  NOTIFICATION_POLL_MS: envFields.milliseconds(15_000),
  /** `log` writes a line with the number masked; `sms-simulator` behaves like an SMS gateway. */
  NOTIFICATION_SENDER: z.enum(['log', 'sms-simulator']).default('log'),
  /** Check-in at the hall opens this long before the slot. */
  CHECK_IN_OPENS_MINUTES_BEFORE: int(60, 0, 24 * 60),
  /** Join links work from this long before the slot … */
  JOIN_LINK_OPENS_MINUTES_BEFORE: int(15, 0, 24 * 60),
  /** … until this long after its end. */
  JOIN_LINK_CLOSES_MINUTES_AFTER: int(30, 0, 24 * 60),
  /** Public booking, lookup and changes per client address and minute (shared through Redis). */
  PUBLIC_RATE_LIMIT_PER_MINUTE: int(30, 1, 1_000_000),

  /** The video provider adapter; `jitsi` signs Jitsi-compatible JWT join links. */
  VIDEO_PROVIDER: z.enum(['jitsi']).default('jitsi'),
  JITSI_BASE_URL: z
    .url()
    .default('https://meet.minsheng.local')
    .transform((url) => url.replace(/\/+$/, '')),
  /** `iss` of the tokens: the app id configured in Jitsi's token authentication. */
  JITSI_APP_ID: z.string().min(1).max(100).default('minsheng'),
  JITSI_AUDIENCE: z.string().min(1).max(100).default('jitsi'),
  /** `sub`: the Jitsi domain (tenant); the base URL's host when left out. */
  JITSI_SUBJECT: z.string().min(1).max(200).optional(),
  JITSI_JWT_ALGORITHM: z.enum(['HS256', 'RS256']).default('HS256'),
  /** HS256: the shared app secret (at least 32 characters). */
  JITSI_APP_SECRET: z.string().min(32).optional(),
  /** RS256: PKCS#8 PEM private key and the `kid` Jitsi looks its public key up by. */
  JITSI_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  JITSI_KEY_ID: z.string().min(1).max(200).optional(),
};

export type VideoReceptionSettings = z.output<z.ZodObject<typeof videoReceptionSettings>>;
export type VideoReceptionEnv = ServiceEnv<VideoReceptionSettings>;

/** Injection token for `VideoReceptionConfig`. */
export const VIDEO_RECEPTION_CONFIG = Symbol('VIDEO_RECEPTION_CONFIG');

export interface VideoReceptionConfig extends VideoReceptionSettings {
  instanceDivision: string;
  /** Prefix of this instance's Redis keys (the NATS namespace, so test suites never collide). */
  redisPrefix: string;
  calendar: DeadlineCalendar;
  jitsi: {
    subject: string;
    /** HS256 secret bytes, or the RS256 private key PEM. */
    key: { alg: 'HS256'; secret: Uint8Array } | { alg: 'RS256'; pem: string; kid: string };
  };
}

/**
 * Settings that only make sense together, checked at boot with every problem listed at once:
 * the calendar overrides must parse, and the video provider needs its signing key outside tests
 * (tests without one sign with a throwaway secret).
 */
export function videoReceptionConfig(env: VideoReceptionEnv): VideoReceptionConfig {
  const s = env.settings;
  const problems: Array<{ variable: string; message: string }> = [];
  let calendar: DeadlineCalendar | undefined;
  try {
    calendar = new DeadlineCalendar({
      mode: s.DAY_COUNT_MODE,
      overrides: s.CALENDAR_OVERRIDES ? parseCalendarOverrides(s.CALENDAR_OVERRIDES) : undefined,
    });
  } catch (error) {
    problems.push({ variable: 'CALENDAR_OVERRIDES', message: (error as Error).message });
  }
  let key: VideoReceptionConfig['jitsi']['key'] | undefined;
  if (s.JITSI_JWT_ALGORITHM === 'HS256') {
    if (s.JITSI_APP_SECRET) key = { alg: 'HS256', secret: Buffer.from(s.JITSI_APP_SECRET) };
    else if (env.NODE_ENV === 'test') key = { alg: 'HS256', secret: randomBytes(32) };
    else problems.push({ variable: 'JITSI_APP_SECRET', message: 'must be set for HS256' });
  } else {
    if (!s.JITSI_PRIVATE_KEY_FILE) {
      problems.push({ variable: 'JITSI_PRIVATE_KEY_FILE', message: 'must be set for RS256' });
    }
    if (!s.JITSI_KEY_ID)
      problems.push({ variable: 'JITSI_KEY_ID', message: 'must be set for RS256' });
    if (s.JITSI_PRIVATE_KEY_FILE && s.JITSI_KEY_ID) {
      try {
        key = {
          alg: 'RS256',
          pem: readFileSync(s.JITSI_PRIVATE_KEY_FILE, 'utf8'),
          kid: s.JITSI_KEY_ID,
        };
      } catch {
        problems.push({ variable: 'JITSI_PRIVATE_KEY_FILE', message: 'cannot be read' });
      }
    }
  }
  if (problems.length > 0 || !calendar || !key) throw new EnvValidationError(problems);
  return {
    ...s,
    instanceDivision: env.INSTANCE_DIVISION,
    redisPrefix: `${env.namespace}:video-reception`,
    calendar,
    jitsi: { subject: s.JITSI_SUBJECT ?? new URL(s.JITSI_BASE_URL).host, key },
  };
}
