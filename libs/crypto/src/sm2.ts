import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import smCrypto, { type SmCryptoBigInteger } from 'sm-crypto';

const { sm2 } = smCrypto;

/** Default signer identity of GM/T 0009-2012 when the parties agree on no other. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** Hex keys on the SM2 recommended curve; the public key is uncompressed (04 || x || y). */
export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

export interface Sm2SignatureOptions {
  /** Signer identity hashed into Z_A; both sides must use the same one. */
  userId?: string;
  /** ASN.1 DER (as OpenSSL and X.509 use) instead of the raw 64-byte r || s. */
  der?: boolean;
}

// Order n of the SM2 recommended curve (GB/T 32918.5-2017).
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const MAX_USER_ID_BYTES = 8191; // ENTL_A is the identity's length in bits, in two bytes

// sm-crypto draws keys and nonces from an RC4-based generator. Both come from Node's CSPRNG
// instead (a biased nonce leaks the private key), passed in as sm-crypto's own jsbn numbers.
type BigIntegerConstructor = new (value: string, radix: number) => SmCryptoBigInteger;
const requireFromSmCrypto = createRequire(createRequire(import.meta.url).resolve('sm-crypto'));
const { BigInteger } = requireFromSmCrypto('jsbn') as { BigInteger: BigIntegerConstructor };

const toHex64 = (value: bigint) => value.toString(16).padStart(64, '0');

/** Uniform in [1, max]: 64 extra random bits make the modulo bias negligible. */
function randomScalar(max: bigint): bigint {
  return (BigInt(`0x${randomBytes(40).toString('hex')}`) % max) + 1n;
}

function parseScalar(name: string, hex: string, max: bigint): string {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError(`SM2 ${name} must be 64 hex characters`);
  const value = BigInt(`0x${hex}`);
  if (value < 1n || value > max) throw new RangeError(`SM2 ${name} is out of range`);
  return hex.toLowerCase();
}

function userIdOf(options: Sm2SignatureOptions): string {
  const userId = options.userId ?? SM2_DEFAULT_USER_ID;
  if (Buffer.byteLength(userId, 'utf8') > MAX_USER_ID_BYTES) {
    throw new RangeError(`SM2 user id must be at most ${MAX_USER_ID_BYTES} bytes`);
  }
  return userId;
}

// Strings are signed as UTF-8 bytes, the same way on both sides.
const bytesOf = (message: string | Uint8Array) =>
  typeof message === 'string' ? Buffer.from(message, 'utf8') : message;

/** A fresh key pair on the SM2 recommended curve. */
export function generateSm2KeyPair(): Sm2KeyPair {
  // d = n - 1 is excluded: the signature divides by 1 + d.
  const privateKey = toHex64(randomScalar(N - 2n));
  return { privateKey, publicKey: sm2.getPublicKeyFromPrivateKey(privateKey).toLowerCase() };
}

/**
 * GB/T 32918.2 signature over SM3(Z_A || message), hex: r || s (128 characters) or DER.
 * Strings are signed as their UTF-8 bytes.
 */
export function sm2Sign(
  message: string | Uint8Array,
  privateKeyHex: string,
  options: Sm2SignatureOptions = {},
): string {
  return sm2SignWithNonce(message, privateKeyHex, toHex64(randomScalar(N - 1n)), options);
}

/**
 * {@link sm2Sign} with a caller-chosen nonce k.
 * @internal Known-answer tests only: a reused or predictable k reveals the private key.
 */
export function sm2SignWithNonce(
  message: string | Uint8Array,
  privateKeyHex: string,
  nonceHex: string,
  options: Sm2SignatureOptions = {},
): string {
  const privateKey = parseScalar('private key', privateKeyHex, N - 2n);
  const k = parseScalar('nonce', nonceHex, N - 1n);
  const x1 = sm2.getPublicKeyFromPrivateKey(k).slice(2, 66);
  return sm2.doSignature(bytesOf(message), privateKey, {
    hash: true,
    der: options.der ?? false,
    userId: userIdOf(options),
    pointPool: [{ k: new BigInteger(k, 16), x1: new BigInteger(x1, 16) }],
  });
}

/** Checks a {@link sm2Sign} signature; false (never a throw) for any malformed input. */
export function sm2Verify(
  message: string | Uint8Array,
  signatureHex: string,
  publicKeyHex: string,
  options: Sm2SignatureOptions = {},
): boolean {
  const der = options.der ?? false;
  const signatureShape = der ? /^(?:[0-9a-f]{2})+$/i : /^[0-9a-f]{128}$/i;
  if (!signatureShape.test(signatureHex)) return false;
  if (!/^(?:04[0-9a-f]{128}|0[23][0-9a-f]{64})$/i.test(publicKeyHex)) return false;
  const userId = userIdOf(options);
  try {
    return sm2.doVerifySignature(
      bytesOf(message),
      signatureHex.toLowerCase(),
      publicKeyHex.toLowerCase(),
      { hash: true, der, userId },
    );
  } catch {
    return false;
  }
}
