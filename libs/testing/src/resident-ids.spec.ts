import { validateResidentIdNumber } from '@minsheng/domain';
import { makeMobileNumber, makeResidentIdNumber } from './resident-ids.js';

describe('test data factories', () => {
  it('make resident ID numbers that pass the GB 11643 check', () => {
    for (let sequence = 0; sequence < 50; sequence++) {
      const id = makeResidentIdNumber('510105', '19851231', sequence);
      expect(validateResidentIdNumber(id)).toMatchObject({ valid: true, birthDate: '1985-12-31' });
    }
  });

  it('make mainland mobile numbers', () => {
    expect(makeMobileNumber(42)).toBe('13900000042');
  });
});
