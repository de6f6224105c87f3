import { sessionState } from './session-lifetime.js';

const now = new Date('2026-11-30T10:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const timeouts = { idleSeconds: 1800 };

describe('session lifetime', () => {
  it('is active while used within the idle timeout and before the absolute end', () => {
    const session = { revokedAt: null, lastActivityAt: ago(1799), absoluteExpiresAt: later(60) };
    expect(sessionState(session, now, timeouts)).toBe('active');
  });

  it('expires after the idle timeout', () => {
    const session = { revokedAt: null, lastActivityAt: ago(1801), absoluteExpiresAt: later(60) };
    expect(sessionState(session, now, timeouts)).toBe('expired');
  });

  it('expires at its absolute end however active it is', () => {
    const session = { revokedAt: null, lastActivityAt: now, absoluteExpiresAt: now };
    expect(sessionState(session, now, timeouts)).toBe('expired');
  });

  it('reports revocation before expiry', () => {
    const session = { revokedAt: ago(5), lastActivityAt: ago(9999), absoluteExpiresAt: ago(1) };
    expect(sessionState(session, now, timeouts)).toBe('revoked');
  });
});
