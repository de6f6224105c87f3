import { canonicalRequest } from '@minsheng/contracts';
import { computeSignature, signaturesMatch, signedHeaders } from './request-signing.js';

describe('request signing', () => {
  const parts = {
    method: 'post',
    pathWithQuery: '/exchange/v1/complaints?x=1',
    timestamp: '1765000000',
    nonce: 'abcdefghijklmnop',
    bodySha256Hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };

  it('signs five lines: method in upper case, path with query, timestamp, nonce, body hash', () => {
    expect(canonicalRequest(parts)).toBe(
      'POST\n/exchange/v1/complaints?x=1\n1765000000\nabcdefghijklmnop\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('gives different signatures for HMAC-SHA256 and HMAC-SM3, each 64 hex characters', () => {
    const sha = computeSignature('HMAC-SHA256', 'secret', parts);
    const sm3 = computeSignature('HMAC-SM3', 'secret', parts);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(sm3).toMatch(/^[0-9a-f]{64}$/);
    expect(sha).not.toBe(sm3);
  });

  it('matches only the exact signature, refusing malformed input without throwing', () => {
    const good = computeSignature('HMAC-SHA256', 'secret', parts);
    expect(signaturesMatch(good, good)).toBe(true);
    expect(signaturesMatch(good, good.replace(/.$/, good.endsWith('0') ? '1' : '0'))).toBe(false);
    expect(signaturesMatch(good, 'zz')).toBe(false);
    expect(signaturesMatch(good, good.toUpperCase())).toBe(false);
  });

  it('changes when any signed part changes', () => {
    const base = signedHeaders({
      clientId: 'c',
      secret: 's',
      method: 'GET',
      pathWithQuery: '/a',
      timestamp: 1,
      nonce: 'n'.repeat(16),
    });
    const otherPath = signedHeaders({
      clientId: 'c',
      secret: 's',
      method: 'GET',
      pathWithQuery: '/a?b=1',
      timestamp: 1,
      nonce: 'n'.repeat(16),
    });
    expect(base['x-minsheng-signature']).not.toBe(otherPath['x-minsheng-signature']);
  });
});
