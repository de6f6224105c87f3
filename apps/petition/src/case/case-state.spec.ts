import {
  DeadlineCalendar,
  registerPetition,
  transition,
  type PetitionCaseState,
} from '@minsheng/domain';
import { actingParties, alertColumns, deadlineKey } from './case-state.js';
import { currentDeadline } from '@minsheng/domain';

const calendar = new DeadlineCalendar({ mode: 'calendar-day' });
const at = new Date('2026-03-02T02:00:00Z');
const office = '510104-xfj';
const housing = '510104-zjj';

function registered(): PetitionCaseState {
  const result = registerPetition(
    { id: 'c1', divisionCode: '510104', registeringOrganId: office },
    { kind: 'system' },
    at,
    calendar,
  );
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

function step(
  state: PetitionCaseState,
  action: Parameters<typeof transition>[1],
  organ: string,
  role: string,
) {
  const result = transition(
    state,
    action,
    { roles: [role], organId: organ, divisionCode: '510104' },
    at,
    calendar,
  );
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

describe('who a case waits for (the "mine" worklist)', () => {
  it('waits for the registering office’s clerks and handlers while unrouted', () => {
    expect(actingParties(registered())).toEqual([`${office}:clerk`, `${office}:handler`]);
  });

  it('waits for the lead organ’s handlers once transferred, and its head while an extension is asked', () => {
    let state = step(registered(), { type: 'transfer', leadOrganId: housing }, office, 'clerk');
    expect(actingParties(state)).toEqual([`${housing}:handler`]);
    state = step(state, { type: 'accept' }, housing, 'handler');
    state = step(
      state,
      { type: 'request-extension', days: 10, reason: '复杂' },
      housing,
      'handler',
    );
    expect(actingParties(state)).toEqual([`${housing}:handler`, `${housing}:leader`]);
  });

  it('waits for no staff once the case is replied and only the petitioner can move it on', () => {
    let state = step(registered(), { type: 'accept' }, office, 'handler');
    state = step(state, { type: 'reply' }, office, 'handler');
    expect(actingParties(state)).toEqual([`${office}:handler`]);
    state = step(state, { type: 'conclude' }, office, 'handler');
    expect(actingParties(state)).toEqual([]);
  });
});

describe('when supervision next looks at a case', () => {
  const state = registered();
  const deadline = currentDeadline(state)!;
  const key = deadlineKey(deadline);

  it('at the start of the warning period of the current deadline', () => {
    const columns = alertColumns(state, { warnedFor: null, overdueFor: null }, 3);
    expect(columns.nextDeadlineKind).toBe('routeBy');
    expect(columns.nextAlertAt?.getTime()).toBe(deadline.dueAt.getTime() - 3 * 86_400_000);
  });

  it('just after the deadline once warned, and never again once reported overdue', () => {
    expect(
      alertColumns(state, { warnedFor: key, overdueFor: null }, 3).nextAlertAt?.getTime(),
    ).toBe(deadline.dueAt.getTime() + 1);
    expect(alertColumns(state, { warnedFor: key, overdueFor: key }, 3).nextAlertAt).toBeNull();
  });

  it('warns afresh for a new deadline even if an earlier one was reported', () => {
    const moved = step(state, { type: 'transfer', leadOrganId: housing }, office, 'clerk');
    const columns = alertColumns(moved, { warnedFor: key, overdueFor: key }, 3);
    expect(columns.nextDeadlineKind).toBe('acceptBy');
    expect(columns.nextAlertAt?.getTime()).toBe(
      moved.deadlines.acceptBy.getTime() - 3 * 86_400_000,
    );
  });
});
