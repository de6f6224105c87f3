import { makeMobileNumber, makeResidentIdNumber } from './resident-ids.js';

export interface Matter {
  title: string;
  content: string;
}

/** The default matter of a load: a damaged road, numbered so every complaint's text differs. */
export const roadDamage = (n: number): Matter => ({
  title: `锦江区道路坑洼 ${n}`,
  content: `锦江区某路段坑洼不平，雨天积水，请尽快修复（第 ${n} 件）。`,
});

/**
 * The body of the n-th complaint a load submits about a county: a valid petitioner numbered by
 * `n` (GB 11643 ID number, mobile number), category 0101, the given matter.
 */
export function syntheticComplaint(n: number, divisionCode: string, matter = roadDamage(n)) {
  return {
    petitioner: {
      name: '赵六',
      idNumber: makeResidentIdNumber(divisionCode, '19750101', n % 997),
      phone: makeMobileNumber(60_000_000 + n),
    },
    divisionCode,
    kind: 'appeal',
    categoryCode: '0101',
    ...matter,
  };
}
