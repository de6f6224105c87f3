import { DIVISION_TABLE } from './division-table.generated.js';

/** Level of a GB/T 2260 administrative division code. */
export type DivisionTier = 'province' | 'city' | 'county';

/** One administrative division from the generated GB/T 2260 table. */
export interface Division {
  /** 6-digit code, e.g. `510104`. */
  readonly code: string;
  /** Name as given by the source data, e.g. `锦江区` (pseudo cities keep their name, e.g. `市辖区`). */
  readonly name: string;
  readonly tier: DivisionTier;
  /** Code of the direct parent in the table, `null` for a province. */
  readonly parentCode: string | null;
  /**
   * Names joined from the province down, e.g. `四川省成都市锦江区`.
   * City-level placeholders (`市辖区`, `县`, `省直辖县级行政区划`, ...) are left out of
   * their descendants' full names (`北京市东城区`), but a placeholder's own full name
   * includes it (`北京市市辖区`).
   */
  readonly fullName: string;
}

/** Thrown when a value is not a 6-digit division code. */
export class InvalidDivisionCodeError extends Error {
  readonly code: unknown;

  constructor(code: unknown) {
    super(`Invalid division code: ${JSON.stringify(code) ?? String(code)} (expected 6 digits)`);
    this.name = 'InvalidDivisionCodeError';
    this.code = code;
  }
}

const CODE_PATTERN = /^\d{6}$/;

/** City-level entries of GB/T 2260 that group counties but are not places of their own. */
const PLACEHOLDER_CITY_NAMES: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);

function isDivisionCodeShape(code: unknown): code is string {
  return typeof code === 'string' && CODE_PATTERN.test(code);
}

function assertDivisionCode(code: unknown): asserts code is string {
  if (!isDivisionCodeShape(code)) {
    throw new InvalidDivisionCodeError(code);
  }
}

function tierOf(code: string): DivisionTier {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

function cityOf(code: string): string {
  return `${code.slice(0, 4)}00`;
}

interface DivisionIndex {
  readonly divisions: ReadonlyMap<string, Division>;
  readonly children: ReadonlyMap<string, readonly Division[]>;
}

/** Code → name, built once on first use. */
let names: ReadonlyMap<string, string> | undefined;
/** Code → Division and parent → children, built once on first use. */
let index: DivisionIndex | undefined;

function getNames(): ReadonlyMap<string, string> {
  names ??= new Map<string, string>(DIVISION_TABLE);
  return names;
}

function getIndex(): DivisionIndex {
  if (index) return index;
  const divisions = new Map<string, Division>();
  const children = new Map<string, Division[]>();
  // DIVISION_TABLE is sorted by code, so every children list comes out sorted too.
  for (const [code, name] of DIVISION_TABLE) {
    const division = buildDivision(code, name);
    divisions.set(code, division);
    if (division.parentCode !== null) {
      const siblings = children.get(division.parentCode);
      if (siblings) siblings.push(division);
      else children.set(division.parentCode, [division]);
    }
  }
  for (const list of children.values()) Object.freeze(list);
  index = { divisions, children };
  return index;
}

function parentOf(code: string): string | null {
  switch (tierOf(code)) {
    case 'province':
      return null;
    case 'city':
      return provinceOf(code);
    case 'county': {
      const city = cityOf(code);
      return getNames().has(city) ? city : provinceOf(code);
    }
  }
}

function buildDivision(code: string, name: string): Division {
  const parentCode = parentOf(code);
  const ancestors: string[] = [];
  for (let p = parentCode; p !== null; p = parentOf(p)) {
    const ancestorName = getNames().get(p);
    if (ancestorName === undefined) continue;
    if (tierOf(p) === 'city' && PLACEHOLDER_CITY_NAMES.has(ancestorName)) continue;
    ancestors.unshift(ancestorName);
  }
  return Object.freeze({
    code,
    name,
    tier: tierOf(code),
    parentCode,
    fullName: ancestors.join('') + name,
  });
}

/**
 * Tier of a division code from its shape: `XX0000` province, `XXXX00` city, anything else county.
 * @throws InvalidDivisionCodeError when `code` is not exactly 6 digits.
 */
export function divisionTier(code: string): DivisionTier {
  assertDivisionCode(code);
  return tierOf(code);
}

/**
 * Parent code of a division: for a county its city `XXXX00` when that city is in the table,
 * otherwise its province `XX0000`; for a city its province; for a province `null`.
 * Works for codes that are not (or no longer) in the table as well.
 * @throws InvalidDivisionCodeError when `code` is not exactly 6 digits.
 */
export function parentDivisionCode(code: string): string | null {
  assertDivisionCode(code);
  return parentOf(code);
}

/** The division with this code, or `undefined` when the code is unknown or malformed. */
export function findDivision(code: string): Division | undefined {
  if (!isDivisionCodeShape(code)) return undefined;
  return getIndex().divisions.get(code);
}

/** Whether `code` is a division in the table (malformed codes are simply not known). */
export function isKnownDivision(code: string): boolean {
  return findDivision(code) !== undefined;
}

/**
 * Whether `targetCode` is `scopeCode` itself or lies in its subtree, by code shape:
 * a province covers every code with the same first 2 digits, a city every code with the
 * same first 4 digits, a county only itself. Neither code has to be in the table.
 * @throws InvalidDivisionCodeError when either code is not exactly 6 digits.
 */
export function isWithinJurisdiction(scopeCode: string, targetCode: string): boolean {
  assertDivisionCode(scopeCode);
  assertDivisionCode(targetCode);
  switch (tierOf(scopeCode)) {
    case 'province':
      return targetCode.slice(0, 2) === scopeCode.slice(0, 2);
    case 'city':
      return targetCode.slice(0, 4) === scopeCode.slice(0, 4);
    case 'county':
      return targetCode === scopeCode;
  }
}

/**
 * Direct children of a division in the table, sorted by code (empty for counties and unknown codes).
 * @throws InvalidDivisionCodeError when `code` is not exactly 6 digits.
 */
export function childDivisions(code: string): readonly Division[] {
  assertDivisionCode(code);
  return getIndex().children.get(code) ?? [];
}
