import { RandomPool } from './random-pool.js';

describe('RandomPool', () => {
  it('hands out values of the size asked for', () => {
    const pool = new RandomPool();
    expect(pool.bytes(16)).toHaveLength(16);
    expect(pool.bytes(0)).toHaveLength(0);
    expect(pool.bytes(4096)).toHaveLength(4096);
  });

  it('never hands out the same bytes twice, across refills of the pool', () => {
    const pool = new RandomPool(256);
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) seen.add(pool.bytes(16).toString('hex'));
    expect(seen.size).toBe(1_000);
  });

  it('fills every value with random bytes: 16 KiB drawn 16 at a time hold all 256 byte values', () => {
    const pool = new RandomPool(256);
    const seen = new Set<number>();
    for (let i = 0; i < 1_024; i++) for (const byte of pool.bytes(16)) seen.add(byte);
    expect(seen.size).toBe(256);
  });

  it('refuses a size that is not a whole number', () => {
    const pool = new RandomPool();
    expect(() => pool.bytes(-1)).toThrow(RangeError);
    expect(() => pool.bytes(1.5)).toThrow(RangeError);
  });
});
