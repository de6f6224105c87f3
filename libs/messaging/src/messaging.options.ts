export interface MessagingOptions {
  /** The app name: queue group, durable consumer prefix, connection name. */
  service: string;
  /**
   * Prefix of every subject and stream on the wire. One per instance (`ms.510104`) so that
   * leafnode-linked instances never capture each other's traffic; tests use a random one.
   */
  namespace: string;
  servers: string[];
  /** TLS to the NATS server (CA to verify it; client certificate where it requires one). */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /** The service's Postgres schema, where its outbox and inbox tables live. */
  schema: string;
  consumer?: {
    /** Attempts before a message goes to the dead-letter subject. */
    maxAttempts?: number;
    /** Delay before redelivery after the n-th failure (last value repeats). */
    backoffMs?: number[];
  };
  relay?: {
    batchSize?: number;
    pollIntervalMs?: number;
    /** How long commits nudging a drain under way gather before the next (`DrainLoop`); 20 ms. */
    gatherMs?: number;
  };
  /**
   * How long an event stays in its stream (replay for read-model rebuilds); 90 days. Inbox rows
   * are kept one day longer, so that no event still in a stream can be applied twice.
   */
  streamMaxAgeDays?: number;
  retention?: {
    /** Days a published outbox row is kept before `MessagingRetention` removes it; 7. */
    outboxDays?: number;
    /** Between retention passes; an hour. The first runs one or two minutes after start. */
    intervalMs?: number;
  };
}

/** `streamMaxAgeDays` when unset. */
export const DEFAULT_STREAM_MAX_AGE_DAYS = 90;

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
