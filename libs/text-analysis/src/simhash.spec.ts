import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { SimHashIndex, hammingDistance, simhash, simhashFromHex, simhashToHex } from './simhash.js';

const sha256Prefix = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest().readBigUInt64BE(0);

/** `hash` with the given bit positions flipped. */
const flip = (hash: bigint, ...bits: number[]) =>
  bits.reduce((h, bit) => h ^ (1n << BigInt(bit)), hash);

describe('simhash', () => {
  it('equals the token hash (first 8 bytes of SHA-256) for a single token, so it is stable', () => {
    expect(simhash([['坑洼', 1]])).toBe(sha256Prefix('坑洼'));
    expect(simhashToHex(simhash([['坑洼', 1]]))).toBe('8bf3929fb572c4d6');
  });

  it('lets the heavier token win each bit', () => {
    const a = sha256Prefix('积水');
    const b = sha256Prefix('噪音');
    expect(
      simhash([
        ['积水', 3],
        ['噪音', 1],
      ]),
    ).toBe(a);
    expect(
      simhash([
        ['积水', 1],
        ['噪音', 3],
      ]),
    ).toBe(b);
  });

  it('is not moved by a light token among heavy ones, but is by a heavy one', () => {
    // Nine tokens of weight 10: every bit's vote is an odd multiple of 10, so ±1 cannot flip it.
    const words = ['道路', '坑洼', '积水', '下雨', '老人', '孩子', '出行', '修复', '门口'];
    const heavy = words.map((w) => [w, 10] as const);
    const base = simhash(heavy);
    expect(simhash([...heavy, ['今天', 1]])).toBe(base);
    expect(hammingDistance(base, simhash([...heavy, ['噪音', 30]]))).toBeGreaterThan(3);
  });

  it('hashes nothing to 0', () => {
    expect(simhash([])).toBe(0n);
    expect(simhashToHex(0n)).toBe('0000000000000000');
  });
});

describe('hex form', () => {
  it('round-trips through 16 lower-case hex digits', () => {
    for (const hash of [0n, 1n, 0xffffffffffffffffn, sha256Prefix('积水')]) {
      const hex = simhashToHex(hash);
      expect(hex).toMatch(/^[0-9a-f]{16}$/);
      expect(simhashFromHex(hex)).toBe(hash);
    }
    expect(simhashFromHex('00000000000000FF')).toBe(255n);
  });

  it.each(['', 'abc', '0123456789abcdef0', 'zzzzzzzzzzzzzzzz', '-123456789abcdef'])(
    'rejects %p',
    (hex) => {
      expect(() => simhashFromHex(hex)).toThrow(TypeError);
    },
  );

  it('rejects values outside 64 unsigned bits', () => {
    expect(() => simhashToHex(-1n)).toThrow(RangeError);
    expect(() => simhashToHex(1n << 64n)).toThrow(RangeError);
    expect(() => hammingDistance(1n << 64n, 0n)).toThrow(RangeError);
  });
});

describe('hammingDistance', () => {
  it('counts differing bits across both 32-bit halves', () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, 0xffffffffffffffffn)).toBe(64);
    expect(hammingDistance(0n, flip(0n, 0, 31, 32, 63))).toBe(4);
    expect(hammingDistance('0000000000000000', '000000000000000b')).toBe(3);
  });
});

describe('SimHashIndex', () => {
  const base = sha256Prefix('锦江区春熙路');

  function filledIndex(): SimHashIndex {
    const index = new SimHashIndex();
    index.add('same', base);
    index.add('d1', flip(base, 5));
    index.add('d2-one-band', flip(base, 1, 2));
    index.add('d3-three-bands', flip(base, 1, 20, 40)); // still equal on bits 48–63
    index.add('d4-all-bands', flip(base, 3, 19, 35, 51));
    index.add('d10', flip(base, 0, 7, 14, 21, 28, 35, 42, 49, 56, 63));
    index.add('far', ~base & 0xffffffffffffffffn);
    return index;
  }

  it('returns every id within the distance, nearest first, and no other', () => {
    expect(filledIndex().candidates(base, 3)).toEqual([
      { id: 'same', distance: 0 },
      { id: 'd1', distance: 1 },
      { id: 'd2-one-band', distance: 2 },
      { id: 'd3-three-bands', distance: 3 },
    ]);
    expect(filledIndex().candidates(simhashToHex(base), 0)).toEqual([{ id: 'same', distance: 0 }]);
  });

  it('compares against every hash when the distance is beyond the banding guarantee', () => {
    expect(
      filledIndex()
        .candidates(base, 10)
        .map((c) => c.id),
    ).toEqual(['same', 'd1', 'd2-one-band', 'd3-three-bands', 'd4-all-bands', 'd10']);
    expect(filledIndex().candidates(base, 64)).toHaveLength(7);
  });

  it('replaces and removes hashes by id', () => {
    const index = filledIndex();
    index.add('same', flip(base, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17));
    expect(index.candidates(base, 0)).toEqual([]);
    expect(index.remove('d1')).toBe(true);
    expect(index.remove('d1')).toBe(false);
    expect(index.size).toBe(6);
    expect(index.candidates(base, 3).map((c) => c.id)).toEqual(['d2-one-band', 'd3-three-bands']);
  });

  it('rejects a negative or fractional distance', () => {
    expect(() => filledIndex().candidates(base, -1)).toThrow(RangeError);
    expect(() => filledIndex().candidates(base, 1.5)).toThrow(RangeError);
  });

  it('agrees with a brute-force scan for distances up to 3', () => {
    const hash = fc.bigInt({ min: 0n, max: 0xffffffffffffffffn });
    fc.assert(
      fc.property(
        hash,
        fc.array(fc.tuple(fc.array(fc.nat(63), { maxLength: 6 }), fc.boolean(), hash), {
          maxLength: 30,
        }),
        fc.nat(3),
        (query, entries, maxDistance) => {
          const index = new SimHashIndex();
          const all = new Map<string, bigint>();
          entries.forEach(([bits, near, random], i) => {
            const value = near ? flip(query, ...bits) : random;
            index.add(`id${i}`, value);
            all.set(`id${i}`, value);
          });
          const expected = [...all]
            .map(([id, value]) => ({ id, distance: hammingDistance(query, value) }))
            .filter((c) => c.distance <= maxDistance)
            .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
          expect(index.candidates(query, maxDistance)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
