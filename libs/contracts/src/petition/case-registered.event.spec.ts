import { MAX_CASE_KEYWORDS, caseRegisteredEvent } from './case-registered.event.js';

const older = {
  caseId: '3f1c2b9e-8d4a-4c6b-9f0e-1a2b3c4d5e6f',
  petitionNumber: '510104-2026-000001',
  sourceComplaintId: '7a1c2b9e-8d4a-4c6b-9f0e-1a2b3c4d5e6f',
  kind: 'appeal',
  channel: 'online',
  divisionCode: '510104',
  registeredAt: '2026-03-02T10:00:00+08:00',
};

describe('caseRegisteredEvent keywords', () => {
  it('leaves them absent on an event published before petition sent them', () => {
    const parsed = caseRegisteredEvent.schema.parse(older);
    expect(parsed.keywords).toBeUndefined();
    expect(caseRegisteredEvent.schema.parse({ ...older, keywords: null }).keywords).toBeNull();
  });

  it('carries the matter’s keywords with their weights, best first', () => {
    const keywords = [
      { keyword: '交房', weight: 1.42 },
      { keyword: '开发商', weight: 0.97 },
    ];
    expect(caseRegisteredEvent.schema.parse({ ...older, keywords }).keywords).toEqual(keywords);
  });

  it('refuses more keywords than the bound, an empty keyword or a weight that is not a number', () => {
    const many = Array.from({ length: MAX_CASE_KEYWORDS + 1 }, (_, i) => ({
      keyword: `词${i}`,
      weight: 1,
    }));
    for (const keywords of [
      many,
      [{ keyword: '', weight: 1 }],
      [{ keyword: '交房', weight: '1' }],
    ]) {
      expect(caseRegisteredEvent.schema.safeParse({ ...older, keywords }).success).toBe(false);
    }
  });
});
