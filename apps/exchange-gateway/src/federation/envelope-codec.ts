import {
  FEDERATION_ENVELOPE_VERSION,
  federationEnvelopeSchema,
  type FederationEnvelope,
  type UnsignedFederationEnvelope,
} from '@minsheng/contracts';
import { canonicalJson } from '@minsheng/audit';
import { LinkKeyError, type LinkKeyring } from './link-keys.js';

/** Refusals: the envelope is not trusted, nothing of it is applied or kept for replay. */
export type RefusalCode =
  'UNSIGNED' | 'BAD_SIGNATURE' | 'UNKNOWN_LINK_KEY' | 'REPLAYED' | 'OUT_OF_JURISDICTION';

export class EnvelopeRefusedError extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Poison: trusted or not, the message cannot be applied as it is; kept as a dead letter. */
export class PoisonEnvelopeError extends Error {
  constructor(
    readonly code: 'INVALID_ENVELOPE' | 'UNSUPPORTED_VERSION' | 'INVALID_PAYLOAD' | 'UNKNOWN_CASE',
    message: string,
  ) {
    super(message);
  }
}

/** The bytes the hop signature covers: everything but the signature, keys sorted. */
export function signedContent(envelope: UnsignedFederationEnvelope): string {
  // canonicalJson leaves out undefined members; cheaper than copying the rest without it.
  return canonicalJson({ ...envelope, signature: undefined });
}

/** Signs an envelope for the hop to `neighbour`, as this instance (`senderDivision`). */
export function signForHop(
  keys: LinkKeyring,
  envelope: UnsignedFederationEnvelope,
  neighbour: string,
): FederationEnvelope {
  const unsigned = { ...envelope, version: envelope.version ?? FEDERATION_ENVELOPE_VERSION };
  return { ...unsigned, signature: keys.sign(neighbour, signedContent(unsigned)) };
}

/** Parses raw bytes into an envelope; throws {@link PoisonEnvelopeError} when it is not one. */
export function parseEnvelope(raw: string): FederationEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new PoisonEnvelopeError('INVALID_ENVELOPE', 'body is not JSON');
  }
  const parsed = federationEnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new PoisonEnvelopeError('INVALID_ENVELOPE', issues);
  }
  return parsed.data;
}

/** Checks the hop signature of the neighbour that sent it; throws {@link EnvelopeRefusedError}. */
export function verifyHop(keys: LinkKeyring, envelope: FederationEnvelope): void {
  if (!envelope.signature) {
    throw new EnvelopeRefusedError('UNSIGNED', 'the envelope carries no signature');
  }
  let valid: boolean;
  try {
    valid = keys.verify(envelope.senderDivision, signedContent(envelope), envelope.signature);
  } catch (error) {
    if (!(error instanceof LinkKeyError)) throw error;
    throw new EnvelopeRefusedError(
      error.code === 'MALFORMED_SIGNATURE' ? 'BAD_SIGNATURE' : 'UNKNOWN_LINK_KEY',
      error.message,
    );
  }
  if (!valid) {
    throw new EnvelopeRefusedError('BAD_SIGNATURE', 'the signature does not match the content');
  }
}
