import { awaitingInputFrom, organRole } from './organ-inputs.js';

const message = {
  leadOrganId: 'housing',
  coOrgans: [
    { id: 'traffic', name: '交通局' },
    { id: 'police', name: '公安局' },
  ],
};

describe('会办 inputs', () => {
  it('awaits the lead organ and every co-organ until each has given its input', () => {
    expect(awaitingInputFrom(message, [])).toEqual(['housing', 'traffic', 'police']);
    expect(awaitingInputFrom(message, [{ organId: 'traffic' }, { organId: 'housing' }])).toEqual([
      'police',
    ]);
  });

  it('awaits nobody when the lead organ works the message alone', () => {
    expect(awaitingInputFrom({ leadOrganId: 'housing', coOrgans: [] }, [])).toEqual([]);
  });

  it('ignores inputs of organs no longer assigned', () => {
    expect(awaitingInputFrom(message, [{ organId: 'old-organ' }])).toHaveLength(3);
  });

  it('tells the lead, a co-organ and an outsider apart', () => {
    expect(organRole(message, 'housing')).toBe('lead');
    expect(organRole(message, 'police')).toBe('co');
    expect(organRole(message, 'education')).toBeNull();
    expect(organRole(message, null)).toBeNull();
  });
});
