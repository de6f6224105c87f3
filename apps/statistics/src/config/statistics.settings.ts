import { z } from 'zod';
import { EnvValidationError, envFields } from '@minsheng/config';
import { isKnownDivision, isWithinJurisdiction } from '@minsheng/domain';
import type { ServiceEnv } from '@minsheng/runtime';

/** statistics' own environment variables, validated with the common ones at boot. */
export const statisticsSettings = {
  /**
   * Child divisions that run their own instance (as complaint-intake's): their subtrees are
   * counted from the roll-ups they report over the exchange, never from facts seen here.
   */
  CHILD_INSTANCES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(envFields.divisionCode())),
  /** How often changed roll-up days are published for the exchange (a heartbeat when none); 0: never. */
  STATISTICS_REPORT_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
};

export type StatisticsEnv = ServiceEnv<z.output<z.ZodObject<typeof statisticsSettings>>>;

export const STATISTICS_CONFIG = Symbol('STATISTICS_CONFIG');

export interface StatisticsConfig {
  /** This instance's division. */
  self: string;
  /** Child instances: each owns its subtree's figures. */
  children: string[];
  reportIntervalMs: number;
}

/** Each child instance must be a known division strictly inside this instance's jurisdiction. */
export function statisticsConfig(env: StatisticsEnv): StatisticsConfig {
  const children = env.settings.CHILD_INSTANCES;
  const problems = children
    .filter(
      (code) =>
        !isKnownDivision(code) ||
        code === env.INSTANCE_DIVISION ||
        !isWithinJurisdiction(env.INSTANCE_DIVISION, code),
    )
    .map((code) => ({
      variable: 'CHILD_INSTANCES',
      message: `${code} is not a known division inside INSTANCE_DIVISION ${env.INSTANCE_DIVISION}`,
    }));
  if (problems.length > 0) throw new EnvValidationError(problems);
  return {
    self: env.INSTANCE_DIVISION,
    children,
    reportIntervalMs: env.settings.STATISTICS_REPORT_INTERVAL_MS,
  };
}

/** The child instance that owns a division's figures, if any. */
export function owningChild(config: Pick<StatisticsConfig, 'children'>, code: string) {
  return config.children.find((child) => isWithinJurisdiction(child, code)) ?? null;
}
