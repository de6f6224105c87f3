import { createHash } from 'node:crypto';

/**
 * MinHash (Broder) over a set of tokens: for each of `size` hash functions, the minimum hash value over
 * the set. Two signatures agree at a position with probability equal to the sets' Jaccard index, so the
 * fraction of agreeing positions estimates it (standard error √(J(1−J)/size), ≈ 0.04 at 128).
 *
 * Hash functions: a token's stable 32-bit hash (first 4 bytes of its SHA-256), XOR a per-function seed,
 * through the MurmurHash3 finaliser — each is a bijection on 32-bit values, fixed forever, so signatures
 * can be stored and compared across processes and releases.
 */
export const MINHASH_SIZE = 128;

/** LSH banding of a 128-position signature: 64 bands of 2 rows (see `lshBandKeys`). */
export const LSH_BANDS = 64;

const EMPTY = 0xffffffff;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds (a splitmix-style sequence from the golden ratio), one per hash function. */
const SEEDS: readonly number[] = (() => {
  const seeds: number[] = [];
  let state = 0x9e3779b9;
  for (let i = 0; i < 1024; i++) {
    state = (state + 0x9e3779b9) >>> 0;
    seeds.push(fmix32(state));
  }
  return seeds;
})();

function tokenHash32(token: string): number {
  return createHash('sha256').update(token, 'utf8').digest().readUInt32BE(0);
}

/** MinHash signature of the distinct tokens; an empty set gives an all-`0xffffffff` signature. */
export function minhashSignature(tokens: Iterable<string>, size = MINHASH_SIZE): Uint32Array {
  if (!Number.isInteger(size) || size < 1 || size > SEEDS.length) {
    throw new RangeError(`size must be an integer in 1..${SEEDS.length}`);
  }
  const signature = new Uint32Array(size).fill(EMPTY);
  for (const token of new Set(tokens)) {
    const base = tokenHash32(token);
    for (let i = 0; i < size; i++) {
      const value = fmix32((base ^ SEEDS[i]) >>> 0);
      if (value < signature[i]) signature[i] = value;
    }
  }
  return signature;
}

function isEmptySignature(signature: Uint32Array): boolean {
  return signature.every((value) => value === EMPTY);
}

/** Estimated Jaccard index of the two token sets, in [0, 1]; 0 if either set was empty. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('signatures of different sizes');
  if (isEmptySignature(a) || isEmptySignature(b)) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/**
 * Locality-sensitive hashing keys: the signature is cut into `bands` bands of `size / bands` rows and
 * each band hashed to a key `"<band>:<8 hex>"`. Two sets share at least one key with probability
 * 1 − (1 − J^rows)^bands; with 64 bands of 2 rows that is 0.93 at J = 0.2, 0.99 at J = 0.3 and 0.15 at
 * J = 0.05 — tuned for recall, since paraphrased petitions have a token Jaccard of only 0.2–0.5.
 * Store the keys (e.g. a Postgres `text[]` with a GIN index, queried with `&&`) to find candidates.
 * An empty set has no keys.
 */
export function lshBandKeys(signature: Uint32Array, bands = LSH_BANDS): string[] {
  if (!Number.isInteger(bands) || bands < 1 || signature.length % bands !== 0) {
    throw new RangeError('bands must divide the signature size');
  }
  if (isEmptySignature(signature)) return [];
  const rows = signature.length / bands;
  const keys: string[] = [];
  for (let band = 0; band < bands; band++) {
    let h = SEEDS[band];
    for (let row = 0; row < rows; row++) h = fmix32((h ^ signature[band * rows + row]) >>> 0);
    keys.push(`${band}:${h.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

export interface MinHashCandidate {
  id: string;
  /** How many LSH band keys the stored set shares with the query (more ⇒ higher Jaccard). */
  sharedBands: number;
}

/**
 * In-memory LSH index over band keys (`lshBandKeys`, or `TextFingerprint.lsh`): returns the ids sharing
 * at least one key with a query. Candidates only — confirm them with an exact comparison.
 */
export class MinHashLshIndex {
  private readonly keysById = new Map<string, readonly string[]>();
  private readonly buckets = new Map<string, Set<string>>();

  get size(): number {
    return this.keysById.size;
  }

  /** Adds or replaces the band keys stored under `id`. */
  add(id: string, bandKeys: readonly string[]): void {
    this.remove(id);
    const keys = [...new Set(bandKeys)];
    this.keysById.set(id, keys);
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.add(id);
      else this.buckets.set(key, new Set([id]));
    }
  }

  remove(id: string): boolean {
    const keys = this.keysById.get(id);
    if (!keys) return false;
    for (const key of keys) {
      const bucket = this.buckets.get(key);
      bucket?.delete(id);
      if (bucket?.size === 0) this.buckets.delete(key);
    }
    this.keysById.delete(id);
    return true;
  }

  /** Ids sharing at least one band key with the query, most shared bands first (ties by id). */
  candidates(bandKeys: readonly string[]): MinHashCandidate[] {
    const shared = new Map<string, number>();
    for (const key of new Set(bandKeys)) {
      for (const id of this.buckets.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    return [...shared]
      .map(([id, sharedBands]) => ({ id, sharedBands }))
      .sort((a, b) => b.sharedBands - a.sharedBands || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}
