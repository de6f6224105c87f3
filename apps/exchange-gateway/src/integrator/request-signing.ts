import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SIGNING_HEADERS, canonicalRequest, type SignatureAlgorithm } from '@minsheng/contracts';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export const EMPTY_BODY_SHA256 = sha256Hex('');

/** HMAC-SHA256 or HMAC-SM3 (GM/T 0042, from OpenSSL's sm3) of the canonical request, hex. */
export function computeSignature(
  algorithm: SignatureAlgorithm,
  secret: string,
  parts: Parameters<typeof canonicalRequest>[0],
): string {
  const digest = algorithm === 'HMAC-SM3' ? 'sm3' : 'sha256';
  return createHmac(digest, secret).update(canonicalRequest(parts), 'utf8').digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, given: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

export interface SigningInput {
  clientId: string;
  secret: string;
  method: string;
  pathWithQuery: string;
  body?: string | Buffer;
  algorithm?: SignatureAlgorithm;
  /** Unix seconds; now when left out. */
  timestamp?: number;
  nonce?: string;
}

/** The headers of a signed request — what an integrator's client library does. */
export function signedHeaders(input: SigningInput): Record<string, string> {
  const algorithm = input.algorithm ?? 'HMAC-SHA256';
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? randomBytes(16).toString('hex');
  const signature = computeSignature(algorithm, input.secret, {
    method: input.method,
    pathWithQuery: input.pathWithQuery,
    timestamp,
    nonce,
    bodySha256Hex: input.body === undefined ? EMPTY_BODY_SHA256 : sha256Hex(input.body),
  });
  return {
    [SIGNING_HEADERS.clientId]: input.clientId,
    [SIGNING_HEADERS.timestamp]: timestamp,
    [SIGNING_HEADERS.nonce]: nonce,
    [SIGNING_HEADERS.algorithm]: algorithm,
    [SIGNING_HEADERS.signature]: signature,
  };
}
