import { register, type Metric } from 'prom-client';

/**
 * The metric registered under `name`, created on first use: every instance of a class that counts
 * (two relays, several group commits, a Nest module built twice in a test) shares the one series
 * instead of failing to register it again.
 */
export function sharedMetric<T extends Metric>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
