import { auditRecordHash, canonicalJson } from './audit-hash.js';
import type { AuditRecordRow } from './audit-entry.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, drops undefined members and writes undefined items as null', () => {
    const value = {
      z: [3, undefined, null, { b: '引号"与\u2028', a: -0 }],
      a: { y: true, x: undefined, '10': 1, '9': 2, B: 'b' },
      m: 1.5e-7,
    };
    // The text the chains already stored were hashed over: it must never change.
    expect(canonicalJson(value)).toBe(
      '{"a":{"10":1,"9":2,"B":"b","y":true},"m":1.5e-7,"z":[3,null,null,{"a":0,"b":"引号\\"与\u2028"}]}',
    );
  });

  it('gives the same text whatever order the keys arrived in', () => {
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 3, e: 4 }] }, a: 0 })).toBe(
      canonicalJson({ a: 0, b: { c: [2, { e: 4, f: 3 }], d: 1 } }),
    );
  });

  it('escapes keys as JSON does and orders them by UTF-16 code units, however many there are', () => {
    expect(canonicalJson({ 'b"': 1, 'a\\': 2, é: 3, '': 4, $x: 5, 'k-1': 6, '\ud800': 7 })).toBe(
      '{"":4,"$x":5,"a\\\\":2,"b\\"":1,"k-1":6,"é":3,"\\ud800":7}',
    );
    const many = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [`k${(i * 7) % 40}`, i]).reverse(),
    );
    const keys = Object.keys(JSON.parse(canonicalJson(many)) as object);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toHaveLength(40);
  });

  it('writes scalars as JSON does, and nothing at all as null', () => {
    expect(canonicalJson('文')).toBe('"文"');
    expect(canonicalJson(12)).toBe('12');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });
});

describe('auditRecordHash', () => {
  it('hashes a record to the value chains written before have stored', () => {
    const row = {
      id: '0b9d8c1e-5b7a-4a3e-9f1d-2c3b4a5d6e7f',
      at: new Date('2026-11-30T08:00:00.000Z'),
      actor_id: 'u-1',
      actor_roles: ['petition-clerk'],
      actor_division: '510104',
      action: 'case.read',
      outcome: 'success',
      target_type: 'case',
      target_id: 'c-1',
      division_code: '510104',
      request_id: 'r-1',
      ip: '127.0.0.1',
      details: { fields: ['phone'], reason: '办理' },
    } as unknown as AuditRecordRow;
    expect(auditRecordHash(row, '42', '0'.repeat(64))).toBe(
      'cdb7476ea2d72c2930dfe5ef17fdb5bdd362fad758f6a9a062f4ad41c17eedb8',
    );
  });
});
