import { z } from 'zod';
import { DAY_COUNT_MODES, type DayCountMode } from '@minsheng/domain';
import { NEAR_DUPLICATE_THRESHOLD } from '@minsheng/text-analysis';
import type { ServiceEnv } from '@minsheng/runtime';

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** The petition service's own settings, validated at boot with the common ones. */
export const petitionSettings = {
  /** Whether statutory "days" are calendar days or working days (工作日). */
  DEADLINE_MODE: z
    .enum(DAY_COUNT_MODES as [DayCountMode, ...DayCountMode[]])
    .default('working-day'),
  /**
   * JSON `{ "holidays": [...], "workdays": [...] }` with the official arrangement for years the
   * bundled `chinese-days` table does not cover (2027 on), read once at boot.
   */
  CALENDAR_OVERRIDES_FILE: z.string().min(1).optional(),
  /** 预警: warn when the current deadline is this many days (24 h each) away or closer. */
  SUPERVISION_WARNING_DAYS: int(3, 0, 30),
  /** How often a replica looks for due cases; 0 turns the background scan off. */
  SUPERVISION_SCAN_INTERVAL_MS: int(60_000, 0, 86_400_000),
  /** Cases handled per transaction of a scan. */
  SUPERVISION_SCAN_BATCH: int(500, 1, 10_000),
  /** 积案: a case still open this many calendar days after registration is flagged. */
  BACKLOG_THRESHOLD_DAYS: int(90, 1, 3_650),
  /** 重复信访: an earlier case of the same petitioner within this many days may be a repeat. */
  REPEAT_WINDOW_DAYS: int(180, 1, 3_650),
  /** Matter similarity (0–1, the text-analysis score) at or above which two cases are the same matter. */
  REPEAT_SIMILARITY_THRESHOLD: z.coerce.number().gt(0).max(1).default(NEAR_DUPLICATE_THRESHOLD),
  /**
   * Where a matter's text is analysed (fingerprint, search words, keywords): `service` asks the
   * tier's text-analyser over NATS, so this process never loads jieba's dictionary (deployments
   * and `npm run up`); `in-process` loads it here (tests, a one-machine setup).
   */
  TEXT_ANALYSIS: z.enum(['in-process', 'service']).default('in-process'),
  /** 集体访: similar cases of one division within this many days … */
  COLLECTIVE_WINDOW_DAYS: int(30, 1, 365),
  /** … from at least this many different petitioners form a collective petition. */
  COLLECTIVE_MIN_PETITIONERS: int(5, 2, 1_000),
};

export type PetitionSettings = z.output<z.ZodObject<typeof petitionSettings>>;
export type PetitionEnv = ServiceEnv<PetitionSettings>;

/** Injection token for `PetitionSettings` (the validated `env.settings`). */
export const PETITION_SETTINGS = Symbol('PETITION_SETTINGS');
