import { createHash } from 'node:crypto';
import type { Weighted } from './vocabulary.js';

/**
 * A small deterministic generator (SplitMix32 over a 32-bit state): every case draws from its own
 * stream, seeded by (seed, case number), so a case is the same whatever the batch size or order.
 */
export class Random {
  private state: number;

  constructor(seed: number, stream = 0) {
    this.state = mix(mix(seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    return mix(this.state) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)]!;
  }

  weighted<T>(table: Weighted<T>): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  }

  /** Exponentially distributed with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/**
 * 128 bits for identifiers, from (seed, case number, purpose): the generator's 32-bit state would
 * repeat ids after some ten thousand cases (birthday bound), a hash does not.
 */
export function identifierBytes(seed: number, n: number, purpose: string): Buffer {
  return createHash('md5').update(`${seed}:${n}:${purpose}`).digest();
}

/** A version-4-shaped UUID. */
export function uuidFrom(seed: number, n: number, purpose: string): string {
  const b = identifierBytes(seed, n, purpose);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function mix(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}
