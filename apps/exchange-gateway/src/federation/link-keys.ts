import { hkdfSync, timingSafeEqual } from 'node:crypto';
import { FieldCipher, hmacSm3, keyringFromEnv } from '@minsheng/crypto';

const KEY_ID = /^(\d{6})-(\d{1,6})$/;

/** The link to one neighbour could not be used for this value. */
export class LinkKeyError extends Error {
  constructor(
    readonly code: 'NO_LINK' | 'UNKNOWN_KEY' | 'MALFORMED_SIGNATURE',
    message: string,
  ) {
    super(message);
  }
}

interface LinkKeys {
  activeKeyId: string;
  signing: Map<string, Buffer>;
  sealing: FieldCipher;
}

/**
 * The secrets this instance shares with each neighbour (`<neighbour>-<n>:<base64>`): HMAC-SM3
 * signs each hop with a key derived for signing, and FieldCipher (SM4-CBC + HMAC-SM3, keys derived
 * separately) seals personal data for the link, so the instances' own field keys never leave them.
 * The highest `n` is active; older keys still verify and open what was sent before a rotation.
 */
export class LinkKeyring {
  readonly #links = new Map<string, LinkKeys>();

  constructor(setting: string) {
    if (setting.trim() === '') return;
    const byNeighbour = new Map<string, string[]>();
    for (const raw of setting.split(',')) {
      const entry = raw.trim();
      const id = entry.slice(0, entry.indexOf(':'));
      const match = KEY_ID.exec(id);
      if (!match) {
        throw new Error(`FEDERATION_LINK_KEYS: key id "${id}" must be <neighbour division>-<n>`);
      }
      byNeighbour.set(match[1], [...(byNeighbour.get(match[1]) ?? []), entry]);
    }
    for (const [neighbour, entries] of byNeighbour) {
      // Both ends name a key by its version only (`k<n>`): each calls the link by the other's code.
      const neutral = entries.map(
        (e) => `k${version(e.slice(0, e.indexOf(':')))}${e.slice(e.indexOf(':'))}`,
      );
      const active = neutral
        .map((e) => e.slice(0, e.indexOf(':')))
        .sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)))[0];
      const keyring = keyringFromEnv(neutral.join(','), active);
      const signing = new Map(
        Object.entries(keyring.keys).map(([id, secret]) => [
          id,
          Buffer.from(hkdfSync('sm3', secret, Buffer.alloc(0), 'minsheng/federation/v1/sign', 32)),
        ]),
      );
      this.#links.set(neighbour, {
        activeKeyId: active,
        signing,
        sealing: new FieldCipher(keyring),
      });
    }
  }

  has(neighbour: string): boolean {
    return this.#links.has(neighbour);
  }

  /** `hmac-sm3:<keyId>:<base64>` over `data` with the active key of the link. */
  sign(neighbour: string, data: string): string {
    const link = this.link(neighbour);
    const mac = hmacSm3(link.signing.get(link.activeKeyId)!, data);
    return `hmac-sm3:${link.activeKeyId}:${mac.toString('base64')}`;
  }

  /** Whether `signature` is the link's signature of `data`; throws when it cannot tell. */
  verify(neighbour: string, data: string, signature: string): boolean {
    const link = this.link(neighbour);
    const parts = signature.split(':');
    if (parts.length !== 3 || parts[0] !== 'hmac-sm3') {
      throw new LinkKeyError('MALFORMED_SIGNATURE', 'signature is not hmac-sm3:<key>:<mac>');
    }
    const key = link.signing.get(parts[1]);
    if (!key) throw new LinkKeyError('UNKNOWN_KEY', `no link key ${parts[1]} for ${neighbour}`);
    const expected = hmacSm3(key, data);
    const given = Buffer.from(parts[2], 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  seal(neighbour: string, plaintext: string): string {
    return this.link(neighbour).sealing.encrypt(plaintext);
  }

  open(neighbour: string, sealed: string): string {
    return this.link(neighbour).sealing.decrypt(sealed);
  }

  private link(neighbour: string): LinkKeys {
    const link = this.#links.get(neighbour);
    if (!link) throw new LinkKeyError('NO_LINK', `no link key for ${neighbour}`);
    return link;
  }
}

function version(id: string): number {
  return Number(KEY_ID.exec(id)?.[2] ?? 0);
}
