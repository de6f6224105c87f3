import { submitComplaintRequestSchema } from './submit-complaint.request.js';

const valid = {
  petitioner: { name: '张三', idNumber: '51010419900307100x', phone: '13800138000' },
  divisionCode: '510104',
  kind: 'appeal',
  categoryCode: '0303',
  title: '小区门口道路坑洼',
  content: '雨天积水，老人出行不便。',
};

function issueCodes(input: unknown) {
  const result = submitComplaintRequestSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({
    path: i.path.join('.'),
    code: (i as { params?: { code?: string } }).params?.code ?? i.code,
  }));
}

describe('submitComplaintRequestSchema', () => {
  it('accepts a valid complaint and normalises a lower-case x check digit', () => {
    const parsed = submitComplaintRequestSchema.parse(valid);
    expect(parsed.petitioner.idNumber).toBe('51010419900307100X');
    expect(parsed.replyPublicConsent).toBe(false);
  });

  it('requires a county-level division: a province or a city with counties is DIVISION_TOO_COARSE', () => {
    expect(issueCodes({ ...valid, divisionCode: '510000' })).toEqual([
      { path: 'divisionCode', code: 'DIVISION_TOO_COARSE' },
    ]);
    expect(issueCodes({ ...valid, divisionCode: '510100' })).toEqual([
      { path: 'divisionCode', code: 'DIVISION_TOO_COARSE' },
    ]);
    expect(issueCodes({ ...valid, divisionCode: '441900' })).toEqual([]); // 东莞市: no counties
  });

  it('requires a category code of one or two levels', () => {
    expect(issueCodes({ ...valid, categoryCode: undefined }).map((i) => i.path)).toEqual([
      'categoryCode',
    ]);
    expect(issueCodes({ ...valid, categoryCode: '010101' }).map((i) => i.path)).toEqual([
      'categoryCode',
    ]);
    expect(issueCodes({ ...valid, categoryCode: '01' })).toEqual([]);
  });

  it('takes coordinates only inside China, and an optional address', () => {
    expect(
      issueCodes({ ...valid, location: { lat: 30.66, lng: 104.06 }, address: '锦江区' }),
    ).toEqual([]);
    expect(issueCodes({ ...valid, location: { lat: 51.5, lng: -0.1 } }).map((i) => i.path)).toEqual(
      ['location.lng'],
    );
    expect(issueCodes({ ...valid, address: ' ' }).map((i) => i.path)).toEqual(['address']);
  });

  it('refuses text with a lone surrogate, which cannot be stored as UTF-8', () => {
    expect(issueCodes({ ...valid, title: 'a\ud800b' }).map((i) => i.path)).toEqual(['title']);
    expect(issueCodes({ ...valid, title: '𠮷野家' })).toEqual([]);
  });

  it('flags a wrong ID check digit as INVALID_ID_NUMBER', () => {
    const input = { ...valid, petitioner: { ...valid.petitioner, idNumber: '510104199003071231' } };
    expect(issueCodes(input)).toEqual([{ path: 'petitioner.idNumber', code: 'INVALID_ID_NUMBER' }]);
  });

  it('flags a well-formed but unknown division as UNKNOWN_DIVISION', () => {
    expect(issueCodes({ ...valid, divisionCode: '519999' })).toEqual([
      { path: 'divisionCode', code: 'UNKNOWN_DIVISION' },
    ]);
  });

  it('refuses unknown fields, blank text, control characters and over-long titles', () => {
    expect(issueCodes({ ...valid, extra: 1 }).map((i) => i.code)).toEqual(['unrecognized_keys']);
    expect(issueCodes({ ...valid, title: '   ' }).map((i) => i.path)).toEqual(['title']);
    expect(issueCodes({ ...valid, content: 'a\u0000b' }).map((i) => i.path)).toEqual(['content']);
    expect(issueCodes({ ...valid, title: '长'.repeat(101) }).map((i) => i.path)).toEqual(['title']);
  });

  it('refuses a kind outside the three statutory classes and a landline number', () => {
    const input = {
      ...valid,
      kind: 'complaint',
      petitioner: { ...valid.petitioner, phone: '02812345678' },
    };
    expect(
      issueCodes(input)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['kind', 'petitioner.phone']);
  });
});
