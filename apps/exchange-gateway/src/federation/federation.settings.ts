import { z } from 'zod';

const divisionList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^\d{6}$/, 'six-digit division codes separated by ","')));

/** The federation's settings (exchange-gateway), validated at boot with the common ones. */
export const federationSettings = {
  /**
   * The parent instance's division (its JetStream domain). Empty: derived from the division code
   * (county → city, city → province); `none` for an instance with no parent.
   */
  PARENT_INSTANCE: z
    .string()
    .regex(/^(\d{6}|none)?$/)
    .default(''),
  /** Child divisions that run their own instance (as complaint-intake's CHILD_INSTANCES). */
  CHILD_INSTANCES: divisionList,
  /**
   * Per-link secrets, `<neighbour>-<n>:<base64 ≥ 32 bytes>,…` (the same value on both ends of a
   * link). The highest `n` of a neighbour signs and seals; older ones still verify and open.
   */
  FEDERATION_LINK_KEYS: z.string().default(''),
  /** Attempts to apply a message before it goes to the dead letters. */
  FEDERATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** How often the subtree's case counts are reported to the parent; 0 turns it off. */
  FEDERATION_STATISTICS_INTERVAL_MS: z.coerce.number().int().min(0).default(300_000),
  /** How often the outbox relay looks for envelopes to publish when nothing woke it. */
  FEDERATION_RELAY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
};

export type FederationSettings = z.output<z.ZodObject<typeof federationSettings>>;
