/** URLs of the backing services, resolved by the Jest global setup (tools/jest/global-setup.mjs). */
export function backingServices(): { databaseUrl: string; natsUrl: string; redisUrl: string } {
  const { DATABASE_URL, NATS_URL, REDIS_URL } = process.env;
  if (!DATABASE_URL || !NATS_URL || !REDIS_URL) {
    throw new Error(
      'DATABASE_URL, NATS_URL and REDIS_URL must be set; run tests through their Jest config',
    );
  }
  return { databaseUrl: DATABASE_URL, natsUrl: NATS_URL, redisUrl: REDIS_URL };
}
