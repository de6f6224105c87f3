import { createHash } from 'node:crypto';
import { hmacSm3, sm3, sm3Hex } from './sm3.js';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('sm3', () => {
  // GB/T 32905-2016 Annex A, examples 1 and 2.
  it('hashes "abc" to the GB/T 32905-2016 example 1 digest', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('hashes "abcd" x 16 to the GB/T 32905-2016 example 2 digest', () => {
    expect(sm3('abcd'.repeat(16))).toEqual(
      hex('debe9ff9 2275b8a1 38604889 c18e5a4d 6fdb70e5 387e5765 293dcba3 9c0c5732'),
    );
  });

  it('hashes text as its UTF-8 bytes', () => {
    expect(sm3('信访')).toEqual(sm3(Buffer.from('信访', 'utf8')));
    expect(sm3('信访')).not.toEqual(sm3(Buffer.from('信访', 'utf16le')));
  });
});

describe('hmacSm3', () => {
  // GM/T 0042-2015 Appendix D.3, as carried by OpenSSL's evpmac_sm3.txt and intel-ipsec-mb.
  it.each([
    {
      name: 'D.3 case 1 (32-byte key, 112-byte message)',
      key: hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20'),
      data: Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2)),
      mac: 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    },
    {
      name: 'D.3 case 2 (37-byte key, 50 bytes of 0xcd)',
      key: hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425'),
      data: Buffer.alloc(50, 0xcd),
      mac: '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    },
    {
      name: 'D.3 case 3 ("Hi There")',
      key: Buffer.alloc(32, 0x0b),
      data: Buffer.from('Hi There'),
      mac: 'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
    },
    {
      name: 'D.3 case 4 (short text key)',
      key: Buffer.from('Jefe Jeferson Jr'),
      data: Buffer.from('what do ya want for nothing?'),
      mac: 'ce791a34c59adef472997a249600f3f244d59e875be04055ba2ae12fc845e78c',
    },
  ])('matches GM/T 0042-2015 $name', ({ key, data, mac }) => {
    expect(hmacSm3(key, data).toString('hex')).toBe(mac);
  });

  it('equals the RFC 2104 construction over SM3 with a 64-byte block', () => {
    const key = Buffer.from('a key that is not a whole block');
    const data = Buffer.from('举报内容');
    const block = Buffer.concat([key, Buffer.alloc(64 - key.length)]);
    const pad = (byte: number) => Buffer.from(block.map((b) => b ^ byte));
    const inner = createHash('sm3').update(pad(0x36)).update(data).digest();
    const outer = createHash('sm3').update(pad(0x5c)).update(inner).digest();
    expect(hmacSm3(key, data)).toEqual(outer);
  });
});
