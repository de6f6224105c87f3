import { describe, expect, it } from 'vitest';
import { actionBody, actionsFor } from './case-actions.js';

describe('case actions', () => {
  it('offers a clerk the routing actions and a handler the organ’s actions of the same case', () => {
    const allowed = [
      'transfer',
      'assign',
      'accept',
      'decline',
      'route-to-litigation',
      'link-final-case',
    ];
    expect(actionsFor(allowed, ['clerk'])).toEqual([
      'transfer',
      'assign',
      'route-to-litigation',
      'link-final-case',
    ]);
    expect(actionsFor(allowed, ['handler'])).toEqual([
      'accept',
      'decline',
      'route-to-litigation',
      'link-final-case',
    ]);
    expect(actionsFor(allowed, ['analyst'])).toEqual([]);
  });

  it('offers the clerk routing to litigation only before the case is routed', () => {
    expect(actionsFor(['route-to-litigation'], ['clerk'], 'registered')).toEqual([
      'route-to-litigation',
    ]);
    expect(actionsFor(['route-to-litigation'], ['clerk'], 'transferred')).toEqual([]);
    expect(actionsFor(['route-to-litigation'], ['handler'], 'transferred')).toEqual([
      'route-to-litigation',
    ]);
  });

  it('ignores actions the workflow does not know', () => {
    expect(actionsFor(['reply', 'teleport'], ['handler'])).toEqual(['reply']);
  });

  it('builds a transfer with an empty co-handling list and no blank note', () => {
    expect(actionBody('transfer', { leadOrganId: '510104-zjj', note: '  ' })).toEqual({
      body: { leadOrganId: '510104-zjj', coHandlingOrganIds: [] },
    });
  });

  it('names the required fields still missing, and refuses days that are not whole and in range', () => {
    expect(actionBody('assign', { leadOrganId: '' })).toEqual({
      missing: ['leadOrganId', 'reportWithinDays'],
    });
    expect(actionBody('request-extension', { days: '0', reason: '材料复杂' })).toEqual({
      missing: ['days'],
    });
    expect(actionBody('request-extension', { days: '2.5', reason: '材料复杂' })).toEqual({
      missing: ['days'],
    });
  });

  it('sends days as a number and text trimmed', () => {
    expect(actionBody('request-extension', { days: '30', reason: ' 需要现场核查 ' })).toEqual({
      body: { days: 30, reason: '需要现场核查' },
    });
    expect(actionBody('reply', { opinion: '已修复路面。' })).toEqual({
      body: { opinion: '已修复路面。' },
    });
  });
});
