import {
  LSH_BANDS,
  MINHASH_SIZE,
  MinHashLshIndex,
  estimateJaccard,
  lshBandKeys,
  minhashSignature,
} from './minhash.js';

/** Two sets of `size` tokens sharing `shared` of them; their exact Jaccard index. */
function overlappingSets(size: number, shared: number, tag: string) {
  const common = Array.from({ length: shared }, (_, i) => `共${tag}${i}`);
  const a = [...common, ...Array.from({ length: size - shared }, (_, i) => `甲${tag}${i}`)];
  const b = [...common, ...Array.from({ length: size - shared }, (_, i) => `乙${tag}${i}`)];
  return { a, b, jaccard: shared / (2 * size - shared) };
}

describe('minhashSignature / estimateJaccard', () => {
  it.each([0, 10, 20, 30, 40, 50])(
    'estimates the Jaccard index within 0.1 (%i of 50 tokens shared)',
    (shared) => {
      const { a, b, jaccard } = overlappingSets(50, shared, String(shared));
      const estimate = estimateJaccard(minhashSignature(a), minhashSignature(b));
      expect(Math.abs(estimate - jaccard)).toBeLessThan(0.1);
    },
  );

  it('ignores token order and repeats', () => {
    expect(minhashSignature(['坑洼', '积水', '坑洼'])).toEqual(minhashSignature(['积水', '坑洼']));
  });

  it('is stable across processes and releases (stored signatures stay comparable)', () => {
    const signature = minhashSignature(['坑洼', '积水']);
    expect(signature).toHaveLength(MINHASH_SIZE);
    expect(Array.from(signature.slice(0, 3))).toEqual([765812853, 932015670, 2080010757]);
  });

  it('treats an empty set as similar to nothing', () => {
    const empty = minhashSignature([]);
    expect(estimateJaccard(empty, empty)).toBe(0);
    expect(estimateJaccard(empty, minhashSignature(['坑洼']))).toBe(0);
    expect(lshBandKeys(empty)).toEqual([]);
  });

  it('rejects bad sizes and mismatched signatures', () => {
    expect(() => minhashSignature(['坑洼'], 0)).toThrow(RangeError);
    expect(() => minhashSignature(['坑洼'], 1025)).toThrow(RangeError);
    expect(() => estimateJaccard(minhashSignature(['a'], 64), minhashSignature(['a']))).toThrow(
      RangeError,
    );
    expect(() => lshBandKeys(minhashSignature(['a']), 3)).toThrow(RangeError);
  });
});

describe('lshBandKeys', () => {
  it(`cuts a signature into ${LSH_BANDS} band keys`, () => {
    const keys = lshBandKeys(minhashSignature(['坑洼', '积水', '老人']));
    expect(keys).toHaveLength(LSH_BANDS);
    expect(keys[0]).toMatch(/^0:[0-9a-f]{8}$/);
    expect(keys[LSH_BANDS - 1]).toMatch(new RegExp(`^${LSH_BANDS - 1}:[0-9a-f]{8}$`));
  });

  it('gives equal sets all keys in common and disjoint sets none', () => {
    const { a, b } = overlappingSets(20, 0, 'x');
    const keysA = lshBandKeys(minhashSignature(a));
    expect(lshBandKeys(minhashSignature([...a].reverse()))).toEqual(keysA);
    const keysB = new Set(lshBandKeys(minhashSignature(b)));
    expect(keysA.filter((k) => keysB.has(k))).toEqual([]);
  });
});

describe('MinHashLshIndex', () => {
  const near = overlappingSets(20, 12, 'n'); // Jaccard 0.43
  const far = overlappingSets(20, 0, 'f');

  function filledIndex() {
    const index = new MinHashLshIndex();
    index.add('near', lshBandKeys(minhashSignature(near.b)));
    index.add('self', lshBandKeys(minhashSignature(near.a)));
    index.add('far', lshBandKeys(minhashSignature(far.b)));
    index.add('empty', lshBandKeys(minhashSignature([])));
    return index;
  }

  it('returns ids sharing a band, the most shared bands first, and not the others', () => {
    const candidates = filledIndex().candidates(lshBandKeys(minhashSignature(near.a)));
    expect(candidates.map((c) => c.id)).toEqual(['self', 'near']);
    expect(candidates[0].sharedBands).toBe(LSH_BANDS);
    expect(candidates[1].sharedBands).toBeGreaterThan(0);
    expect(candidates[1].sharedBands).toBeLessThan(LSH_BANDS);
  });

  it('replaces and removes entries by id', () => {
    const index = filledIndex();
    index.add('near', lshBandKeys(minhashSignature(far.a)));
    expect(index.candidates(lshBandKeys(minhashSignature(near.a))).map((c) => c.id)).toEqual([
      'self',
    ]);
    expect(index.remove('self')).toBe(true);
    expect(index.remove('self')).toBe(false);
    expect(index.size).toBe(3);
    expect(index.candidates(lshBandKeys(minhashSignature(near.a)))).toEqual([]);
  });
});
