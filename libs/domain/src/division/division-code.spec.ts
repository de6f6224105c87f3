import {
  InvalidDivisionCodeError,
  childDivisions,
  divisionTier,
  findDivision,
  isKnownDivision,
  isWithinJurisdiction,
  parentDivisionCode,
} from './division-code.js';
import { DIVISION_TABLE } from './division-table.generated.js';

describe('DIVISION_TABLE', () => {
  it('has unique 6-digit codes sorted ascending', () => {
    const codes = DIVISION_TABLE.map(([code]) => code);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
  });

  it('covers all 31 mainland province-level divisions', () => {
    const provinces = DIVISION_TABLE.filter(([code]) => divisionTier(code) === 'province');
    expect(provinces).toHaveLength(31);
  });
});

describe('divisionTier', () => {
  it('reads the tier from the code shape', () => {
    expect(divisionTier('510000')).toBe('province');
    expect(divisionTier('510100')).toBe('city');
    expect(divisionTier('510104')).toBe('county');
  });

  it.each(['', '51010', '5101040', '51010a', ' 510104', '５１０１０４', '51-104'])(
    'throws InvalidDivisionCodeError for malformed code %p',
    (code) => {
      expect(() => divisionTier(code)).toThrow(InvalidDivisionCodeError);
    },
  );

  it('rejects non-string values at runtime', () => {
    expect(() => divisionTier(510104 as unknown as string)).toThrow(InvalidDivisionCodeError);
  });
});

describe('parentDivisionCode', () => {
  it('returns null for a province', () => {
    expect(parentDivisionCode('510000')).toBeNull();
  });

  it('returns the province for a city', () => {
    expect(parentDivisionCode('510100')).toBe('510000');
  });

  it('returns the city for a county whose city is in the table', () => {
    expect(parentDivisionCode('510104')).toBe('510100');
  });

  it('keeps placeholder city entries such as 省直辖县级行政区划 as parents', () => {
    expect(parentDivisionCode('429004')).toBe('429000');
    expect(findDivision('429000')?.name).toBe('省直辖县级行政区划');
  });

  it('falls back to the province for a county whose city is not in the table', () => {
    expect(isKnownDivision('519900')).toBe(false);
    expect(parentDivisionCode('519901')).toBe('510000');
  });

  it('throws for a malformed code', () => {
    expect(() => parentDivisionCode('5101')).toThrow(InvalidDivisionCodeError);
  });
});

describe('findDivision', () => {
  it('describes a county with its parent and full name', () => {
    expect(findDivision('510104')).toEqual({
      code: '510104',
      name: '锦江区',
      tier: 'county',
      parentCode: '510100',
      fullName: '四川省成都市锦江区',
    });
  });

  it('describes a city and a province', () => {
    expect(findDivision('510100')).toMatchObject({
      name: '成都市',
      tier: 'city',
      parentCode: '510000',
      fullName: '四川省成都市',
    });
    expect(findDivision('510000')).toMatchObject({
      name: '四川省',
      tier: 'province',
      parentCode: null,
      fullName: '四川省',
    });
  });

  it('leaves placeholder cities out of a county full name', () => {
    expect(findDivision('110101')?.fullName).toBe('北京市东城区');
    expect(findDivision('110100')).toMatchObject({
      name: '市辖区',
      tier: 'city',
      fullName: '北京市市辖区',
    });
  });

  it('returns undefined for an unknown code', () => {
    expect(findDivision('519999')).toBeUndefined();
    expect(findDivision('990000')).toBeUndefined();
    expect(isKnownDivision('519999')).toBe(false);
  });

  it('returns undefined for a malformed code instead of throwing', () => {
    expect(findDivision('51010')).toBeUndefined();
    expect(findDivision('abcdef')).toBeUndefined();
    expect(isKnownDivision('51010x')).toBe(false);
  });

  it('knows divisions from every tier', () => {
    expect(isKnownDivision('510000')).toBe(true);
    expect(isKnownDivision('510100')).toBe(true);
    expect(isKnownDivision('510104')).toBe(true);
  });

  it('lists cities without counties once, as cities', () => {
    expect(findDivision('441900')).toMatchObject({ name: '东莞市', tier: 'city' });
    expect(childDivisions('441900')).toEqual([]);
  });
});

describe('childDivisions', () => {
  it('lists the 21 prefecture-level cities of Sichuan', () => {
    const cities = childDivisions('510000');
    expect(cities).toHaveLength(21);
    expect(cities.every((d) => d.tier === 'city' && d.parentCode === '510000')).toBe(true);
    expect(cities[0]?.code).toBe('510100');
  });

  it('adds up to 183 county-level divisions across the cities of Sichuan', () => {
    const counties = childDivisions('510000').flatMap((city) => childDivisions(city.code));
    expect(counties).toHaveLength(183);
    expect(counties.every((d) => d.tier === 'county' && d.code.startsWith('51'))).toBe(true);
  });

  it('lists the counties of a city in code order', () => {
    const codes = childDivisions('510100').map((d) => d.code);
    expect(codes).toContain('510104');
    expect([...codes].sort()).toEqual(codes);
  });

  it('returns nothing for a county or an unknown code', () => {
    expect(childDivisions('510104')).toEqual([]);
    expect(childDivisions('519900')).toEqual([]);
  });

  it('throws for a malformed code', () => {
    expect(() => childDivisions('51')).toThrow(InvalidDivisionCodeError);
  });
});

describe('isWithinJurisdiction', () => {
  it('lets a city cover its own counties but not those of another city', () => {
    expect(isWithinJurisdiction('510100', '510104')).toBe(true);
    expect(isWithinJurisdiction('510100', '510100')).toBe(true);
    expect(isWithinJurisdiction('510100', '510501')).toBe(false);
    expect(isWithinJurisdiction('510100', '510000')).toBe(false);
  });

  it('lets a county cover only itself', () => {
    expect(isWithinJurisdiction('510104', '510104')).toBe(true);
    expect(isWithinJurisdiction('510104', '510105')).toBe(false);
    expect(isWithinJurisdiction('510104', '510100')).toBe(false);
  });

  it('lets a province cover every 51xxxx code and nothing outside', () => {
    const sichuan = DIVISION_TABLE.map(([code]) => code).filter((code) => code.startsWith('51'));
    expect(sichuan).toHaveLength(1 + 21 + 183);
    expect(sichuan.every((code) => isWithinJurisdiction('510000', code))).toBe(true);
    expect(isWithinJurisdiction('510000', '519999')).toBe(true);
    expect(isWithinJurisdiction('510000', '500101')).toBe(false);
    expect(isWithinJurisdiction('510000', '520000')).toBe(false);
  });

  it('throws when either code is malformed', () => {
    expect(() => isWithinJurisdiction('5101', '510104')).toThrow(InvalidDivisionCodeError);
    expect(() => isWithinJurisdiction('510100', '51010')).toThrow(InvalidDivisionCodeError);
  });
});
