import { divisionTier, findDivision, parentDivisionCode } from '@minsheng/domain';

/** A division with its ancestors, as stored on facts and roll-ups. */
export interface DivisionPath {
  division: string;
  province: string;
  city: string | null;
  county: string | null;
}

export function divisionPath(code: string): DivisionPath {
  const tier = divisionTier(code);
  const province = `${code.slice(0, 2)}0000`;
  if (tier === 'province') return { division: code, province, city: null, county: null };
  if (tier === 'city') return { division: code, province, city: code, county: null };
  const parent = parentDivisionCode(code);
  const city = parent && divisionTier(parent) === 'city' ? parent : null;
  return { division: code, province, city, county: code };
}

/** The stored column that holds a division of this code's tier. */
export function ancestorColumn(code: string): 'province_code' | 'city_code' | 'county_code' {
  const tier = divisionTier(code);
  return tier === 'province' ? 'province_code' : tier === 'city' ? 'city_code' : 'county_code';
}

/** The column one tier below (for a breakdown by child division); a county is its own child. */
export function childColumn(code: string): 'city_code' | 'county_code' {
  return divisionTier(code) === 'province' ? 'city_code' : 'county_code';
}

export function divisionName(code: string): string {
  return findDivision(code)?.fullName ?? code;
}
