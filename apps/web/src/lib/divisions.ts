import { DIVISION_TABLE, childDivisions, divisionTier, findDivision } from '@minsheng/domain';

export interface DivisionOption {
  code: string;
  name: string;
}

const toOption = (d: { code: string; name: string }): DivisionOption => ({
  code: d.code,
  name: d.name,
});

/** Provinces, autonomous regions and municipalities, in code order. */
export function provinces(): DivisionOption[] {
  return DIVISION_TABLE.filter(([code]) => code.endsWith('0000')).map(([code, name]) =>
    toOption({ code, name }),
  );
}

export function childrenOf(code: string): DivisionOption[] {
  return childDivisions(code).map(toOption);
}

/**
 * Where a complaint can be handled: a county, or a city without counties (东莞市 …). A province,
 * or a city with counties, is too coarse to know who is responsible (intake answers
 * DIVISION_TOO_COARSE).
 */
export function isComplaintDivision(code: string): boolean {
  if (!findDivision(code)) return false;
  return divisionTier(code) !== 'province' && childDivisions(code).length === 0;
}

/** The province, city and county codes of a division, '' where it has none. */
export function divisionPath(code: string): { province: string; city: string; county: string } {
  const division = findDivision(code);
  if (!division) return { province: '', city: '', county: '' };
  const tier = division.tier;
  const province = `${code.slice(0, 2)}0000`;
  if (tier === 'province') return { province, city: '', county: '' };
  if (tier === 'city') return { province, city: code, county: '' };
  // A county's parent may be the province itself (省直辖县级行政区划 rows aside).
  const parent = division.parentCode ?? province;
  return parent === province
    ? { province, city: code, county: '' }
    : { province, city: parent, county: code };
}

/** 四川省成都市锦江区 */
export function divisionName(code: string): string {
  return findDivision(code)?.fullName ?? code;
}
