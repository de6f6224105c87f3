import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const FORMAT =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

export interface NewRefreshToken {
  /** Given to the client once: `<sessionId>.<base64url of 32 random bytes>`. */
  token: string;
  /** What the session row keeps: SHA-256 (hex) of the random part. */
  hash: string;
}

export function hashRefreshSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * A refresh token names its session, so a rotated token presented again is recognised as reuse
 * of that session's token (and the session revoked) rather than as an unknown token.
 */
export function newRefreshToken(sessionId: string): NewRefreshToken {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${sessionId}.${secret}`, hash: hashRefreshSecret(secret) };
}

export function parseRefreshToken(
  token: string,
): { sessionId: string; secretHash: string } | undefined {
  const match = FORMAT.exec(token);
  return match ? { sessionId: match[1], secretHash: hashRefreshSecret(match[2]) } : undefined;
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
