import { createHash } from 'node:crypto';

/**
 * 64-bit SimHash (Charikar): every token votes on each bit with its weight, according to the bits of a
 * stable 64-bit hash of the token (the first 8 bytes of its SHA-256, so the value never changes across
 * processes, versions or platforms). Texts sharing most of their weighted tokens get hashes a few bits
 * apart. Stored as 16 lower-case hex digits.
 *
 * Measured on ~20-word petitions (near-duplicates.spec.ts): copies differing only in punctuation,
 * width, stop words or boilerplate are 0 bits apart, but one changed word (水沟 → 沟渠) already moves 8
 * bits; reworded same-matter pairs are 14–25 bits apart and different matters 13–37. So SimHash finds
 * copies only; use `NearDuplicateDetector` to decide whether two petitions are the same matter.
 */
export function simhash(
  weightedTokens: Iterable<readonly [token: string, weight: number]>,
): bigint {
  const votes = new Float64Array(64);
  for (const [token, weight] of weightedTokens) {
    const digest = createHash('sha256').update(token, 'utf8').digest();
    const halves = [digest.readUInt32BE(4), digest.readUInt32BE(0)]; // bits 0–31, bits 32–63
    for (let half = 0; half < 2; half++) {
      const bits = halves[half];
      for (let bit = 0; bit < 32; bit++) {
        votes[half * 32 + bit] += (bits >>> bit) & 1 ? weight : -weight;
      }
    }
  }
  let hash = 0n;
  for (let bit = 63; bit >= 0; bit--) hash = (hash << 1n) | (votes[bit] > 0 ? 1n : 0n);
  return hash;
}

const MASK_64 = (1n << 64n) - 1n;
const HEX_16 = /^[0-9a-f]{16}$/iu;

/** A hash as 16 lower-case hex digits, for storage. */
export function simhashToHex(hash: bigint): string {
  if (hash < 0n || hash > MASK_64) throw new RangeError('a SimHash is an unsigned 64-bit value');
  return hash.toString(16).padStart(16, '0');
}

/** Parses 16 hex digits back to the 64-bit value. */
export function simhashFromHex(hex: string): bigint {
  if (!HEX_16.test(hex)) throw new TypeError(`not a 16-digit hex SimHash: ${JSON.stringify(hex)}`);
  return BigInt(`0x${hex}`);
}

function toBigInt(hash: bigint | string): bigint {
  if (typeof hash === 'string') return simhashFromHex(hash);
  if (hash < 0n || hash > MASK_64) throw new RangeError('a SimHash is an unsigned 64-bit value');
  return hash;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits between two hashes (bigint or 16-digit hex), 0–64. */
export function hammingDistance(a: bigint | string, b: bigint | string): number {
  const x = toBigInt(a) ^ toBigInt(b);
  return popcount32(Number(x & 0xffffffffn)) + popcount32(Number(x >> 32n));
}

export interface SimHashCandidate {
  id: string;
  distance: number;
}

const BANDS = 4;
const BAND_BITS = 16;

/**
 * Finds stored hashes within a Hamming distance of a query. The 64 bits are split into 4 bands of 16:
 * by the pigeonhole principle two hashes at distance ≤ 3 agree exactly on at least one band, so only
 * the ids sharing a band with the query are compared. For a larger `maxDistance` that guarantee is gone
 * and the lookup compares against every stored hash (still exact, just linear).
 */
export class SimHashIndex {
  static readonly BANDED_MAX_DISTANCE = BANDS - 1;

  private readonly hashes = new Map<string, bigint>();
  private readonly bands: Map<number, Set<string>>[] = Array.from(
    { length: BANDS },
    () => new Map(),
  );

  get size(): number {
    return this.hashes.size;
  }

  /** Adds or replaces the hash stored under `id`. */
  add(id: string, hash: bigint | string): void {
    const value = toBigInt(hash);
    this.remove(id);
    this.hashes.set(id, value);
    bandValues(value).forEach((band, i) => {
      const bucket = this.bands[i].get(band);
      if (bucket) bucket.add(id);
      else this.bands[i].set(band, new Set([id]));
    });
  }

  remove(id: string): boolean {
    const value = this.hashes.get(id);
    if (value === undefined) return false;
    this.hashes.delete(id);
    bandValues(value).forEach((band, i) => {
      const bucket = this.bands[i].get(band);
      bucket?.delete(id);
      if (bucket?.size === 0) this.bands[i].delete(band);
    });
    return true;
  }

  /** Ids whose hash is within `maxDistance` bits of `hash`, nearest first (ties by id). */
  candidates(
    hash: bigint | string,
    maxDistance = SimHashIndex.BANDED_MAX_DISTANCE,
  ): SimHashCandidate[] {
    if (!Number.isInteger(maxDistance) || maxDistance < 0) {
      throw new RangeError('maxDistance must be a non-negative integer');
    }
    const query = toBigInt(hash);
    let ids: Iterable<string>;
    if (maxDistance <= SimHashIndex.BANDED_MAX_DISTANCE) {
      const shared = new Set<string>();
      bandValues(query).forEach((band, i) => {
        for (const id of this.bands[i].get(band) ?? []) shared.add(id);
      });
      ids = shared;
    } else {
      ids = this.hashes.keys();
    }
    const found: SimHashCandidate[] = [];
    for (const id of ids) {
      const distance = hammingDistance(query, this.hashes.get(id) ?? 0n);
      if (distance <= maxDistance) found.push({ id, distance });
    }
    return found.sort(
      (a, b) => a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
}

function bandValues(hash: bigint): number[] {
  return Array.from({ length: BANDS }, (_, i) =>
    Number((hash >> BigInt(i * BAND_BITS)) & ((1n << BigInt(BAND_BITS)) - 1n)),
  );
}
