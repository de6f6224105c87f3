import {
  isMainlandMobileNumber,
  maskPhoneNumber,
  maskResidentIdNumber,
  residentIdCheckCharacter,
  validateResidentIdNumber,
} from './resident-id-number.js';

/** Independent GB 11643 checksum so the tests do not just mirror the implementation. */
function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

const TODAY = new Date('2024-06-01T12:00:00+08:00');

describe('validateResidentIdNumber', () => {
  it('accepts a valid number and extracts birth date, sex and region', () => {
    expect(withCheckChar('51010419900307123')).toBe('510104199003071237');
    expect(validateResidentIdNumber('510104199003071237', TODAY)).toEqual({
      valid: true,
      normalized: '510104199003071237',
      birthDate: '1990-03-07',
      sex: 'male',
      regionCode: '510104',
    });
  });

  it('reads an even sequence number as female', () => {
    const id = withCheckChar('51010419900307124');
    expect(id).toBe('510104199003071245');
    expect(validateResidentIdNumber(id, TODAY)).toMatchObject({ valid: true, sex: 'female' });
  });

  it('accepts an X check digit in upper or lower case and normalizes it to upper case', () => {
    expect(withCheckChar('51010419900307100')).toBe('51010419900307100X');
    expect(residentIdCheckCharacter('51010419900307100')).toBe('X');
    const expected = {
      valid: true,
      normalized: '51010419900307100X',
      birthDate: '1990-03-07',
      sex: 'female',
    };
    expect(validateResidentIdNumber('51010419900307100X', TODAY)).toMatchObject(expected);
    expect(validateResidentIdNumber('51010419900307100x', TODAY)).toMatchObject(expected);
  });

  it('rejects a wrong check digit', () => {
    expect(validateResidentIdNumber('510104199003071238', TODAY)).toEqual({
      valid: false,
      reason: 'CHECKSUM',
    });
    expect(validateResidentIdNumber('51010419900307123X', TODAY)).toEqual({
      valid: false,
      reason: 'CHECKSUM',
    });
  });

  it('rejects a birth date that does not exist', () => {
    const feb30 = withCheckChar('51010419900230123');
    expect(validateResidentIdNumber(feb30, TODAY)).toEqual({ valid: false, reason: 'BIRTH_DATE' });
    const month13 = withCheckChar('51010419901301123');
    expect(validateResidentIdNumber(month13, TODAY)).toEqual({
      valid: false,
      reason: 'BIRTH_DATE',
    });
    const feb29NonLeap = withCheckChar('51010419010229123');
    expect(validateResidentIdNumber(feb29NonLeap, TODAY)).toEqual({
      valid: false,
      reason: 'BIRTH_DATE',
    });
  });

  it('accepts Feb 29 in a leap year', () => {
    expect(validateResidentIdNumber(withCheckChar('51010420000229123'), TODAY)).toMatchObject({
      valid: true,
      birthDate: '2000-02-29',
    });
  });

  it('rejects a birth date after today and accepts one on today', () => {
    expect(validateResidentIdNumber(withCheckChar('51010420300101123'), TODAY)).toEqual({
      valid: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentIdNumber(withCheckChar('51010420240602123'), TODAY)).toEqual({
      valid: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentIdNumber(withCheckChar('51010420240601123'), TODAY)).toMatchObject({
      valid: true,
    });
  });

  it('takes today as the calendar day in China Standard Time', () => {
    // 2024-06-01 00:30 in Beijing is still 2024-05-31 in UTC.
    const justAfterMidnightInBeijing = new Date('2024-05-31T16:30:00Z');
    expect(
      validateResidentIdNumber(withCheckChar('51010420240601123'), justAfterMidnightInBeijing),
    ).toMatchObject({
      valid: true,
    });
  });

  it('rejects a birth date before 1900-01-01 and accepts 1900-01-01', () => {
    expect(validateResidentIdNumber(withCheckChar('51010418991231123'), TODAY)).toEqual({
      valid: false,
      reason: 'BIRTH_DATE',
    });
    expect(validateResidentIdNumber(withCheckChar('51010419000101123'), TODAY)).toMatchObject({
      valid: true,
    });
  });

  it('defaults today to the current date', () => {
    expect(validateResidentIdNumber('510104199003071237')).toMatchObject({ valid: true });
    expect(validateResidentIdNumber(withCheckChar('51010429991231123'))).toEqual({
      valid: false,
      reason: 'BIRTH_DATE',
    });
  });

  it.each([
    ['too short', '51010419900307123'],
    ['too long', '5101041990030712377'],
    ['15-digit old format', '510104900307123'],
    ['letter in the body', '51010419900A071237'],
    ['X in the body', '5101041990030X1237'],
    ['other check letter', '51010419900307123Y'],
    ['surrounding whitespace', ' 510104199003071237'],
    ['empty string', ''],
  ])('rejects a malformed number (%s) as FORMAT', (_label, id) => {
    expect(validateResidentIdNumber(id, TODAY)).toEqual({ valid: false, reason: 'FORMAT' });
  });

  it('rejects non-string input as FORMAT', () => {
    expect(validateResidentIdNumber(undefined as unknown as string, TODAY)).toEqual({
      valid: false,
      reason: 'FORMAT',
    });
  });

  it('rejects a number whose first two digits are not a province-level code', () => {
    for (const prefix of [
      '00',
      '10',
      '16',
      '20',
      '38',
      '47',
      '55',
      '60',
      '66',
      '70',
      '72',
      '80',
      '83',
      '90',
    ]) {
      const id = withCheckChar(`${prefix}010419900307123`);
      expect(validateResidentIdNumber(id, TODAY)).toEqual({ valid: false, reason: 'REGION' });
    }
  });

  it('accepts every province-level prefix including 71, 81 and 82', () => {
    const prefixes = [
      '11',
      '15',
      '21',
      '23',
      '31',
      '37',
      '41',
      '46',
      '50',
      '54',
      '61',
      '65',
      '71',
      '81',
      '82',
    ];
    for (const prefix of prefixes) {
      const id = withCheckChar(`${prefix}010419900307123`);
      expect(validateResidentIdNumber(id, TODAY)).toMatchObject({
        valid: true,
        regionCode: `${prefix}0104`,
      });
    }
  });

  it('does not require the 6-digit region code to exist today', () => {
    // 513229 (马尔康县) was abolished in 2015; numbers issued there stay valid.
    expect(validateResidentIdNumber(withCheckChar('51322919800101123'), TODAY)).toMatchObject({
      valid: true,
      regionCode: '513229',
    });
  });
});

describe('residentIdCheckCharacter', () => {
  it('throws unless given exactly 17 digits', () => {
    expect(() => residentIdCheckCharacter('5101041990030712')).toThrow(RangeError);
    expect(() => residentIdCheckCharacter('5101041990030712X')).toThrow(RangeError);
  });
});

describe('maskResidentIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskResidentIdNumber('51010419900307123X')).toBe('510104********123X');
    expect(maskResidentIdNumber('510104199003071237')).toBe('510104********1237');
  });

  it('masks short input entirely', () => {
    expect(maskResidentIdNumber('5101041237')).toBe('**********');
    expect(maskResidentIdNumber('')).toBe('');
  });
});

describe('maskPhoneNumber', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhoneNumber('13800138000')).toBe('138****8000');
  });

  it('masks short input entirely', () => {
    expect(maskPhoneNumber('1380013')).toBe('*******');
  });
});

describe('isMainlandMobileNumber', () => {
  it('accepts 11-digit numbers starting with 13 to 19', () => {
    expect(isMainlandMobileNumber('13800138000')).toBe(true);
    expect(isMainlandMobileNumber('19912345678')).toBe(true);
  });

  it('rejects other shapes', () => {
    expect(isMainlandMobileNumber('12800138000')).toBe(false);
    expect(isMainlandMobileNumber('1380013800')).toBe(false);
    expect(isMainlandMobileNumber('138001380001')).toBe(false);
    expect(isMainlandMobileNumber('+8613800138000')).toBe(false);
    expect(isMainlandMobileNumber('1380013800a')).toBe(false);
  });
});
