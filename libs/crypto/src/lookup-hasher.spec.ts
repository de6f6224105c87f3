import { createHmac, randomBytes } from 'node:crypto';
import { LookupHasher } from './lookup-hasher.js';

const KEY = Buffer.alloc(32, 7);
const hasher = new LookupHasher(KEY);

describe('LookupHasher', () => {
  it('gives the same hex hash for the same purpose and value', () => {
    const hash = hasher.hash('id-number', '11010519491231002X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(new LookupHasher(Buffer.from(KEY)).hash('id-number', '11010519491231002X')).toBe(hash);
  });

  it('is HMAC-SM3 over the length-prefixed purpose followed by the value', () => {
    const expected = createHmac('sm3', KEY)
      .update(Buffer.from([5]))
      .update('phone')
      .update('13800138000')
      .digest('hex');
    expect(hasher.hash('phone', '13800138000')).toBe(expected);
  });

  it('ignores surrounding whitespace but not case, which is the caller’s to normalise', () => {
    const hash = hasher.hash('id-number', '11010519491231002X');
    expect(hasher.hash('id-number', ' 11010519491231002X\n')).toBe(hash);
    expect(hasher.hash('id-number', '11010519491231002x')).not.toBe(hash);
  });

  it('normalises Unicode so composed and decomposed text hash alike', () => {
    expect(hasher.hash('name', 'Zoe\u0308')).toBe(hasher.hash('name', 'Zo\u00eb'));
  });

  it('keeps purposes apart: the same digits as an ID number and as a phone number differ', () => {
    expect(hasher.hash('id-number', '13800138000')).not.toBe(hasher.hash('phone', '13800138000'));
    // The purpose is length-prefixed, so moving characters across the boundary changes the hash.
    expect(hasher.hash('ab', 'c')).not.toBe(hasher.hash('a', 'bc'));
  });

  it('depends on the key', () => {
    const other = new LookupHasher(randomBytes(32));
    expect(other.hash('phone', '13800138000')).not.toBe(hasher.hash('phone', '13800138000'));
  });

  it('refuses a short key, a blank value and a free-form purpose', () => {
    expect(() => new LookupHasher(randomBytes(16))).toThrow(RangeError);
    expect(() => hasher.hash('phone', '   ')).toThrow(RangeError);
    expect(() => hasher.hash('', '13800138000')).toThrow(RangeError);
    expect(() => hasher.hash('phone number', '13800138000')).toThrow(RangeError);
  });
});
