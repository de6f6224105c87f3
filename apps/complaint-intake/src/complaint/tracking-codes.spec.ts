import {
  QUERY_CODE_PATTERN,
  TRACKING_CODE_PATTERN,
  hashQueryCode,
  newQueryCode,
  newTrackingCode,
  queryCodeMatches,
} from './tracking-codes.js';

describe('tracking codes', () => {
  it('generates codes in the published formats, without ambiguous letters', () => {
    for (let i = 0; i < 200; i++) {
      expect(newTrackingCode()).toMatch(TRACKING_CODE_PATTERN);
      expect(newQueryCode()).toMatch(QUERY_CODE_PATTERN);
    }
    expect(new Set(Array.from({ length: 500 }, newTrackingCode)).size).toBe(500);
  });

  it('accepts the right query code, case-insensitively, and nothing else', () => {
    const tracking = newTrackingCode();
    const query = newQueryCode();
    const stored = hashQueryCode(tracking, query);
    expect(queryCodeMatches(tracking, query, stored)).toBe(true);
    expect(queryCodeMatches(tracking, query.toLowerCase(), stored)).toBe(true);
    expect(queryCodeMatches(tracking, newQueryCode() + 'X', stored)).toBe(false);
    expect(queryCodeMatches(newTrackingCode(), query, stored)).toBe(false);
  });
});
