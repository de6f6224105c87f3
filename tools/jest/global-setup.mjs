// Resolves Postgres, NATS and Redis once per Jest run; workers inherit the URLs through the env.
import { ensureBackingServices } from '../dev/backing-services.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL && process.env.NATS_URL && process.env.REDIS_URL) return;
  const urls = await ensureBackingServices({ log: () => {} });
  process.env.DATABASE_URL = urls.databaseUrl;
  process.env.NATS_URL = urls.natsUrl;
  process.env.REDIS_URL = urls.redisUrl;
}
