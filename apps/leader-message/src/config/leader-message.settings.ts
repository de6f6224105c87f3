import { z } from 'zod';
import { EnvValidationError, envFields } from '@minsheng/config';
import { DAY_COUNT_MODES, DeadlineCalendar, parseCalendarOverrides } from '@minsheng/domain';
import type { ServiceEnv } from '@minsheng/runtime';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** leader-message's own environment variables, validated with the common ones at boot. */
export const leaderMessageSettings = {
  /** `http`: the board's API through the HTTP connector. */
  BOARD_CONNECTOR: z.enum(['http']).default('http'),
  /** Where the board's API answers (the simulator in development). */
  BOARD_BASE_URL: z
    .url()
    .default('http://127.0.0.1:3199')
    .transform((url) => url.replace(/\/+$/, '')),
  /** Bearer token the board's API wants, if any. */
  BOARD_API_TOKEN: z.string().min(1).optional(),
  BOARD_TIMEOUT_MS: envFields.milliseconds(10_000),
  /** How often each replica looks for boards due a pull, replies to publish and ratings to read. */
  SYNC_POLL_MS: envFields.milliseconds(30_000),
  /** Messages asked for per page. */
  SYNC_PAGE_SIZE: int(500, 1, 1000),
  /** A replica's hold on a board it pulls, renewed with each page (another takes over after). */
  SYNC_LEASE_MS: envFields.milliseconds(60_000),
  /** Backoff after a failed pull: base × 2^(failures−1), capped. */
  SYNC_BACKOFF_BASE_MS: envFields.milliseconds(2_000),
  SYNC_BACKOFF_MAX_MS: envFields.milliseconds(300_000),
  /** How often a published reply's rating is read back. */
  RATING_CHECK_MS: envFields.milliseconds(3_600_000),
  /** How days are counted for the limits below, and the deployment's holidays. */
  DAY_COUNT_MODE: z.enum(DAY_COUNT_MODES as ['calendar-day', 'working-day']).default('working-day'),
  CALENDAR_OVERRIDES: z.string().optional(),
  /** 认领 within … days of the message appearing. */
  CLAIM_LIMIT_DAYS: int(2, 1, 60),
  /** 答复 within … days of the message appearing (urgent ones faster). */
  REPLY_LIMIT_DAYS: int(10, 1, 120),
  URGENT_REPLY_LIMIT_DAYS: int(3, 1, 120),
  /** Message types treated as urgent on arrival (comma-separated; 求助 by default). */
  URGENT_MESSAGE_TYPES: z
    .string()
    .default('求助')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** The largest board export accepted as an upload (`text/csv`). */
  IMPORT_MAX_BYTES: envFields.bytes(20 * 1024 * 1024),
  /** 预警: this many days before a deadline. */
  WARNING_DAYS_BEFORE: int(1, 0, 30),
};

export type LeaderMessageSettings = z.output<z.ZodObject<typeof leaderMessageSettings>>;
export type LeaderMessageEnv = ServiceEnv<LeaderMessageSettings>;

export const LEADER_MESSAGE_CONFIG = Symbol('LEADER_MESSAGE_CONFIG');

export interface LeaderMessageConfig extends LeaderMessageSettings {
  instanceDivision: string;
  calendar: DeadlineCalendar;
}

export function leaderMessageConfig(env: LeaderMessageEnv): LeaderMessageConfig {
  const s = env.settings;
  try {
    const calendar = new DeadlineCalendar({
      mode: s.DAY_COUNT_MODE,
      overrides: s.CALENDAR_OVERRIDES ? parseCalendarOverrides(s.CALENDAR_OVERRIDES) : undefined,
    });
    return { ...s, instanceDivision: env.INSTANCE_DIVISION, calendar };
  } catch (error) {
    throw new EnvValidationError([
      { variable: 'CALENDAR_OVERRIDES', message: (error as Error).message },
    ]);
  }
}
