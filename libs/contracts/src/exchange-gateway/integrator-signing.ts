/**
 * How an integrator signs a request to `/exchange/v1` (and how webhook deliveries are signed to
 * it): HMAC over five lines with the client's secret, hex-encoded.
 *
 * ```
 * <METHOD>\n<path with query, exactly as sent>\n<timestamp>\n<nonce>\n<hex SHA-256 of the body>
 * ```
 */
export const SIGNING_HEADERS = {
  clientId: 'x-minsheng-client-id',
  /** Unix seconds; refused when more than 300 s from the server's clock. */
  timestamp: 'x-minsheng-timestamp',
  /** 16–64 characters of `A-Z a-z 0-9 _ -`, never reused by the same client. */
  nonce: 'x-minsheng-nonce',
  /** `HMAC-SHA256` (default) or `HMAC-SM3`. */
  algorithm: 'x-minsheng-signature-algorithm',
  /** Lower-case hex of the HMAC. */
  signature: 'x-minsheng-signature',
  /** Webhook deliveries only: the event type and the delivery id. */
  eventType: 'x-minsheng-event-type',
  deliveryId: 'x-minsheng-delivery-id',
} as const;

export const SIGNATURE_ALGORITHMS = ['HMAC-SHA256', 'HMAC-SM3'] as const;
export type SignatureAlgorithm = (typeof SIGNATURE_ALGORITHMS)[number];

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** The text that is signed. */
export function canonicalRequest(parts: {
  method: string;
  pathWithQuery: string;
  timestamp: string;
  nonce: string;
  bodySha256Hex: string;
}): string {
  return [
    parts.method.toUpperCase(),
    parts.pathWithQuery,
    parts.timestamp,
    parts.nonce,
    parts.bodySha256Hex,
  ].join('\n');
}
