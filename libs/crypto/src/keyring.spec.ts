import { randomBytes } from 'node:crypto';
import { generateKeySecret, keyringFromEnv } from './keyring.js';

const secret = () => randomBytes(32).toString('base64');

describe('keyringFromEnv', () => {
  it('parses id:base64 entries, tolerating spaces around them', () => {
    const [a, b] = [secret(), secret()];
    const keyring = keyringFromEnv(` 2024:${a} , 2025 : ${b} `, '2025');
    expect(keyring.activeKeyId).toBe('2025');
    expect(Object.keys(keyring.keys)).toEqual(['2024', '2025']);
    expect(Buffer.from(keyring.keys['2024'])).toEqual(Buffer.from(a, 'base64'));
    expect(Buffer.from(keyring.keys['2025'])).toEqual(Buffer.from(b, 'base64'));
  });

  it('accepts secrets longer than 32 bytes', () => {
    const long = randomBytes(64).toString('base64');
    expect(keyringFromEnv(`k1:${long}`, 'k1').keys['k1']).toHaveLength(64);
  });

  it.each([
    ['an empty value', '', /empty/],
    ['an entry without an id', 'c2VjcmV0', /entry 1 is not of the form/],
    ['an empty id', ':AAAA', /entry 1: key id/],
    ['an id with a dot', 'a.b:AAAA', /entry 1: key id/],
    ['an id starting with an underscore', '__proto__:AAAA', /entry 1: key id/],
    ['an empty entry', 'k1:SECRET,', /entry 2 is not of the form/],
    ['invalid base64', 'k1:not base64!', /entry 1: the secret of key "k1" is not valid base64/],
    [
      'a 16-byte secret',
      `k1:${randomBytes(16).toString('base64')}`,
      /is 16 bytes, needs at least 32/,
    ],
  ])('explains %s', (_name, value, message) => {
    expect(() => keyringFromEnv(value.replace('SECRET', secret()), 'k1')).toThrow(message);
  });

  it('refuses a duplicated key id', () => {
    expect(() => keyringFromEnv(`k1:${secret()},k1:${secret()}`, 'k1')).toThrow(
      /entry 2: key id "k1" appears twice/,
    );
  });

  it('refuses an active key id that is not in the keyring, listing the ids it has', () => {
    expect(() => keyringFromEnv(`k1:${secret()},k2:${secret()}`, 'k3')).toThrow(
      'active key "k3" is not among the keys (k1, k2)',
    );
  });

  it('never echoes a secret in its errors', () => {
    const short = randomBytes(20).toString('base64');
    let message = '';
    try {
      keyringFromEnv(`k1:${short}`, 'k1');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('k1');
    expect(message).not.toContain(short);
  });
});

describe('generateKeySecret', () => {
  it('makes distinct 32-byte base64 secrets that keyringFromEnv accepts', () => {
    const [a, b] = [generateKeySecret(), generateKeySecret()];
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(keyringFromEnv(`dev:${a}`, 'dev').keys['dev']).toEqual(Buffer.from(a, 'base64'));
  });
});
