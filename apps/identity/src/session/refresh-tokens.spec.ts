import { randomUUID } from 'node:crypto';
import { newRefreshToken, parseRefreshToken, sameHash } from './refresh-tokens.js';

describe('refresh tokens', () => {
  it('name their session and carry 32 random bytes whose SHA-256 is what gets stored', () => {
    const sessionId = randomUUID();
    const issued = newRefreshToken(sessionId);
    const parsed = parseRefreshToken(issued.token);
    expect(issued.token.startsWith(`${sessionId}.`)).toBe(true);
    expect(Buffer.from(issued.token.split('.')[1], 'base64url')).toHaveLength(32);
    expect(parsed?.sessionId).toBe(sessionId);
    expect(sameHash(parsed!.secretHash, issued.hash)).toBe(true);
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differ every time, so a rotated token never matches the new hash', () => {
    const sessionId = randomUUID();
    const first = newRefreshToken(sessionId);
    const second = newRefreshToken(sessionId);
    expect(sameHash(parseRefreshToken(first.token)!.secretHash, second.hash)).toBe(false);
  });

  it('reject anything that is not <uuid>.<43 base64url characters>', () => {
    expect(parseRefreshToken('garbage')).toBeUndefined();
    expect(parseRefreshToken(`${randomUUID()}.short`)).toBeUndefined();
    expect(parseRefreshToken(`not-a-uuid.${'a'.repeat(43)}`)).toBeUndefined();
  });
});
