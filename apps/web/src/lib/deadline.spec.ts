import { describe, expect, it } from 'vitest';
import { daysLeft, deadlineState } from './deadline.js';

const now = new Date('2026-03-10T08:00:00Z');

describe('deadline colours', () => {
  it('is overdue once past, due soon within three days, fine before that', () => {
    expect(deadlineState('2026-03-10T07:59:59Z', now)).toBe('overdue');
    expect(deadlineState('2026-03-13T08:00:00Z', now)).toBe('due-soon');
    expect(deadlineState('2026-03-13T08:00:01Z', now)).toBe('ok');
    expect(deadlineState(null, now)).toBe('none');
  });

  it('takes the service’s overdue flag and a deployment’s warning period', () => {
    expect(deadlineState('2026-04-01T00:00:00Z', now, { overdue: true })).toBe('overdue');
    expect(deadlineState('2026-03-16T00:00:00Z', now, { warningDays: 7 })).toBe('due-soon');
  });

  it('counts whole days left, and days overdue as negative', () => {
    expect(daysLeft('2026-03-11T09:00:00Z', now)).toBe(2);
    expect(daysLeft('2026-03-09T07:00:00Z', now)).toBe(-2);
  });
});
