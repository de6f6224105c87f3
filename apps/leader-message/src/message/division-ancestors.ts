import { parentDivisionCode } from '@minsheng/domain';

/** The divisions above `code` and `code` itself (510104 → 510104, 510100, 510000). */
export function divisionAndAncestors(code: string): string[] {
  const chain = [code];
  for (let up = parentDivisionCode(code); up; up = parentDivisionCode(up)) chain.push(up);
  return chain;
}
