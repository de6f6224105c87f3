import { formatPetitionNumber, registrationYear } from './petition-number.js';

describe('petition numbers', () => {
  it('read as division, year and a zero-padded sequence', () => {
    expect(formatPetitionNumber('510104', 2026, 42)).toBe('510104-2026-000042');
  });

  it('use the year in China Standard Time', () => {
    expect(registrationYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(registrationYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});
