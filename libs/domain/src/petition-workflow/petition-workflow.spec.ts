import { DeadlineCalendar } from '../calendar/deadline-calendar.js';
import {
  PETITION_ACTION_TYPES,
  type PetitionAction,
  type PetitionActionType,
  allowedActions,
} from './petition-actions.js';
import { computeDeadlines, currentDeadline } from './petition-deadlines.js';
import {
  PETITION_STATUSES,
  type PetitionCaseState,
  type PetitionStatus,
} from './petition-state.js';
import {
  type StaffActor,
  type TransitionResult,
  type WorkflowActor,
  registerPetition,
  transition,
} from './petition-workflow.js';

// A matter in 锦江区 (510104): the district petition office registers it and routes it to the
// housing bureau; the district government reviews, the Chengdu city government re-examines.
const OFFICE = 'office-510104';
const ORGAN = 'housing-510104';
const CO = 'market-510104';
const OTHER = 'civil-affairs-510104';
const REVIEW = 'government-510104';
const REEXAMINATION = 'government-510100';

const calendarDays = new DeadlineCalendar({ mode: 'calendar-day' });
const workingDays = new DeadlineCalendar({ mode: 'working-day' });

const staff = (roles: string[], organId: string | null): StaffActor => ({
  roles,
  organId,
  divisionCode: '510104',
});
const clerk = (organId: string) => staff(['clerk'], organId);
const handler = (organId: string) => staff(['handler'], organId);
const leader = (organId: string) => staff(['leader'], organId);
const PETITIONER: WorkflowActor = { kind: 'petitioner' };
const SYSTEM: WorkflowActor = { kind: 'system' };

const DAY_MS = 24 * 60 * 60 * 1000;

function cst(dateTime: string): Date {
  return new Date(`${dateTime}+08:00`);
}

function endOf(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** One day after the case's last action: inside every statutory period. */
function nextDay(state: PetitionCaseState): Date {
  return new Date(state.updatedAt.getTime() + DAY_MS);
}

function expectOk(result: TransitionResult): PetitionCaseState {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.state;
}

const ACTIONS: { readonly [T in PetitionActionType]: Extract<PetitionAction, { type: T }> } = {
  transfer: { type: 'transfer', leadOrganId: ORGAN, coHandlingOrganIds: [CO] },
  assign: { type: 'assign', leadOrganId: ORGAN, reportWithinDays: 20 },
  object: { type: 'object', reason: '该事项属于民政部门职责' },
  accept: { type: 'accept' },
  decline: { type: 'decline', reason: '已通过其他法定途径处理' },
  'route-to-litigation': {
    type: 'route-to-litigation',
    legalRoute: 'litigation',
    reason: '属于民事合同纠纷，应向人民法院起诉',
  },
  'link-final-case': { type: 'link-final-case', finalCase: null },
  'request-extension': { type: 'request-extension', days: 20, reason: '涉及多个部门，需现场核查' },
  'approve-extension': { type: 'approve-extension' },
  'reject-extension': { type: 'reject-extension' },
  reply: { type: 'reply' },
  conclude: { type: 'conclude' },
  'request-review': { type: 'request-review', reviewOrganId: REVIEW },
  'decide-review': { type: 'decide-review' },
  'request-reexamination': { type: 'request-reexamination', reexaminationOrganId: REEXAMINATION },
  'start-hearing': { type: 'start-hearing' },
  'end-hearing': { type: 'end-hearing' },
  'decide-reexamination': { type: 'decide-reexamination' },
};

/** Someone allowed to take `type` from `status` (for legal pairs). */
function actorFor(type: PetitionActionType, status: PetitionStatus): WorkflowActor {
  const unrouted = status === 'registered' || status === 'returned';
  switch (type) {
    case 'transfer':
    case 'assign':
      return clerk(OFFICE);
    case 'accept':
    case 'decline':
    case 'route-to-litigation':
    case 'link-final-case':
      return handler(unrouted ? OFFICE : ORGAN);
    case 'object':
    case 'request-extension':
    case 'reply':
    case 'conclude':
      return handler(ORGAN);
    case 'approve-extension':
    case 'reject-extension':
      return leader(ORGAN);
    case 'request-review':
    case 'request-reexamination':
      return PETITIONER;
    case 'decide-review':
      return handler(REVIEW);
    case 'start-hearing':
    case 'end-hearing':
    case 'decide-reexamination':
      return handler(REEXAMINATION);
  }
}

const TO_REPLIED: PetitionActionType[] = ['transfer', 'accept', 'reply'];
const TO_UNDER_REEXAMINATION: PetitionActionType[] = [
  ...TO_REPLIED,
  'conclude',
  'request-review',
  'decide-review',
  'request-reexamination',
];

/** A way to reach every status from registration. */
const PATHS: Readonly<Record<PetitionStatus, readonly PetitionActionType[]>> = {
  registered: [],
  transferred: ['transfer'],
  assigned: ['assign'],
  returned: ['transfer', 'object'],
  accepted: ['transfer', 'accept'],
  'extension-requested': ['transfer', 'accept', 'request-extension'],
  declined: ['transfer', 'decline'],
  'routed-to-litigation': ['transfer', 'route-to-litigation'],
  replied: TO_REPLIED,
  concluded: [...TO_REPLIED, 'conclude'],
  'under-review': [...TO_REPLIED, 'conclude', 'request-review'],
  reviewed: [...TO_REPLIED, 'conclude', 'request-review', 'decide-review'],
  'under-reexamination': TO_UNDER_REEXAMINATION,
  hearing: [...TO_UNDER_REEXAMINATION, 'start-hearing'],
  final: [...TO_UNDER_REEXAMINATION, 'decide-reexamination'],
};

function register(
  at = cst('2026-03-02T09:00:00'),
  calendar = calendarDays,
  id = 'case-1',
): PetitionCaseState {
  return expectOk(
    registerPetition(
      { id, divisionCode: '510104', registeringOrganId: OFFICE },
      clerk(OFFICE),
      at,
      calendar,
    ),
  );
}

/** A case in `status`, registered at `start` and moved on one day per action. */
function walkTo(
  status: PetitionStatus,
  calendar = calendarDays,
  id = 'case-1',
  start = cst('2026-03-02T09:00:00'),
): PetitionCaseState {
  let state = register(start, calendar, id);
  for (const type of PATHS[status]) {
    const actor = actorFor(type, state.status);
    state = expectOk(transition(state, ACTIONS[type], actor, nextDay(state), calendar));
  }
  expect(state.status).toBe(status);
  return state;
}

function act(
  state: PetitionCaseState,
  action: PetitionAction,
  actor: WorkflowActor,
  at: Date = nextDay(state),
  calendar = calendarDays,
): TransitionResult {
  return transition(state, action, actor, at, calendar);
}

/** Every legal (from, action, to), written out independently of PETITION_TRANSITIONS. */
const LEGAL: ReadonlyArray<readonly [PetitionStatus, PetitionActionType, PetitionStatus]> = [
  ['registered', 'transfer', 'transferred'],
  ['registered', 'assign', 'assigned'],
  ['registered', 'accept', 'accepted'],
  ['registered', 'decline', 'declined'],
  ['registered', 'route-to-litigation', 'routed-to-litigation'],
  ['registered', 'link-final-case', 'registered'],
  ['returned', 'transfer', 'transferred'],
  ['returned', 'assign', 'assigned'],
  ['returned', 'accept', 'accepted'],
  ['returned', 'decline', 'declined'],
  ['returned', 'route-to-litigation', 'routed-to-litigation'],
  ['returned', 'link-final-case', 'returned'],
  ['transferred', 'object', 'returned'],
  ['transferred', 'accept', 'accepted'],
  ['transferred', 'decline', 'declined'],
  ['transferred', 'route-to-litigation', 'routed-to-litigation'],
  ['transferred', 'link-final-case', 'transferred'],
  ['assigned', 'object', 'returned'],
  ['assigned', 'accept', 'accepted'],
  ['assigned', 'decline', 'declined'],
  ['assigned', 'route-to-litigation', 'routed-to-litigation'],
  ['assigned', 'link-final-case', 'assigned'],
  ['accepted', 'request-extension', 'extension-requested'],
  ['accepted', 'reply', 'replied'],
  ['extension-requested', 'approve-extension', 'accepted'],
  ['extension-requested', 'reject-extension', 'accepted'],
  ['extension-requested', 'reply', 'replied'],
  ['replied', 'conclude', 'concluded'],
  ['replied', 'request-review', 'under-review'],
  ['concluded', 'request-review', 'under-review'],
  ['under-review', 'decide-review', 'reviewed'],
  ['reviewed', 'request-reexamination', 'under-reexamination'],
  ['under-reexamination', 'start-hearing', 'hearing'],
  ['under-reexamination', 'decide-reexamination', 'final'],
  ['hearing', 'end-hearing', 'under-reexamination'],
];

const isLegal = (status: PetitionStatus, type: PetitionActionType): boolean =>
  LEGAL.some(([from, action]) => from === status && action === type);

const ILLEGAL = PETITION_STATUSES.flatMap((status) =>
  PETITION_ACTION_TYPES.filter((type) => !isLegal(status, type)).map(
    (type) => [status, type] as const,
  ),
);

describe('the petition state machine', () => {
  it('knows 15 statuses and 18 actions, 35 legal pairs and 235 illegal ones', () => {
    expect(PETITION_STATUSES).toHaveLength(15);
    expect(PETITION_ACTION_TYPES).toHaveLength(18);
    expect(LEGAL).toHaveLength(35);
    expect(ILLEGAL).toHaveLength(15 * 18 - 35);
  });

  it.each(LEGAL)('from %s, %s leads to %s', (from, type, to) => {
    const state = walkTo(from);
    const result = act(state, ACTIONS[type], actorFor(type, from));
    expect(result).toMatchObject({ ok: true, state: { status: to } });
  });

  it.each(ILLEGAL)('from %s, %s is refused as ILLEGAL_TRANSITION', (from, type) => {
    const state = walkTo(from);
    const result = act(state, ACTIONS[type], actorFor(type, from));
    expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it.each(PETITION_STATUSES)('allowedActions(%s) lists exactly the legal actions', (status) => {
    const expected = LEGAL.filter(([from]) => from === status).map(([, type]) => type);
    expect([...allowedActions(status)].sort()).toEqual([...expected].sort());
  });

  it('explains an illegal transition in Chinese', () => {
    const result = act(walkTo('final'), ACTIONS['request-review'], PETITIONER);
    expect(result).toEqual({
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      message: '信访事项已终结，不能请求复查',
    });
  });

  it('refuses an unknown action type', () => {
    const result = act(register(), { type: 'escalate' } as never, clerk(OFFICE));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses an action dated before the previous one', () => {
    const state = register(cst('2026-03-02T09:00:00'));
    const result = act(state, ACTIONS.transfer, clerk(OFFICE), cst('2026-03-02T08:59:59'));
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(act(state, ACTIONS.transfer, clerk(OFFICE), new Date(Number.NaN))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('who may act', () => {
  const OUTSIDERS = ['supervisor', 'analyst', 'system-admin', 'security-admin', 'audit-admin'];

  it.each(LEGAL)('from %s, %s is refused to non-business roles', (from, type) => {
    const state = walkTo(from);
    const allowed = actorFor(type, from);
    const organId = 'organId' in allowed ? allowed.organId : REVIEW;
    for (const role of OUTSIDERS) {
      expect(act(state, ACTIONS[type], staff([role], organId))).toMatchObject({
        ok: false,
        code: 'NOT_PERMITTED',
      });
    }
  });

  it.each(LEGAL)('from %s, %s is refused to every role of an uninvolved organ', (from, type) => {
    const state = walkTo(from);
    const result = act(state, ACTIONS[type], staff(['clerk', 'handler', 'leader'], OTHER));
    expect(result).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
  });

  it.each(
    LEGAL.filter(([, type]) => type !== 'request-review' && type !== 'request-reexamination'),
  )('from %s, %s is refused to the petitioner and to the system', (from, type) => {
    const state = walkTo(from);
    expect(act(state, ACTIONS[type], PETITIONER)).toMatchObject({ code: 'NOT_PERMITTED' });
    expect(act(state, ACTIONS[type], SYSTEM)).toMatchObject({ code: 'NOT_PERMITTED' });
  });

  it.each([
    ['a handler of the office transferring', 'registered', 'transfer', handler(OFFICE)],
    ['a clerk of the organ accepting', 'transferred', 'accept', clerk(ORGAN)],
    ['the head of the organ accepting', 'transferred', 'accept', leader(ORGAN)],
    ['a co-handling organ accepting', 'transferred', 'accept', handler(CO)],
    ['a co-handling organ objecting', 'transferred', 'object', handler(CO)],
    ['the office objecting for the organ', 'transferred', 'object', handler(OFFICE)],
    ['the office accepting a transferred case', 'transferred', 'accept', handler(OFFICE)],
    [
      'the office clerk routing out a transferred case',
      'transferred',
      'route-to-litigation',
      clerk(OFFICE),
    ],
    ['the head asking for an extension', 'accepted', 'request-extension', leader(ORGAN)],
    [
      'a handler approving the extension',
      'extension-requested',
      'approve-extension',
      handler(ORGAN),
    ],
    [
      'the head of another organ approving',
      'extension-requested',
      'approve-extension',
      leader(OTHER),
    ],
    ['a clerk replying', 'accepted', 'reply', clerk(ORGAN)],
    [
      'a clerk of another organ recording a review request',
      'replied',
      'request-review',
      clerk(OTHER),
    ],
    [
      'a handler of the review organ recording the request',
      'replied',
      'request-review',
      handler(REVIEW),
    ],
    ['the original organ reviewing itself', 'under-review', 'decide-review', handler(ORGAN)],
    ['a clerk of the review organ deciding', 'under-review', 'decide-review', clerk(REVIEW)],
    [
      'the review organ re-examining',
      'under-reexamination',
      'decide-reexamination',
      handler(REVIEW),
    ],
    [
      'the review organ holding the hearing',
      'under-reexamination',
      'start-hearing',
      handler(REVIEW),
    ],
    ['staff with no organ', 'transferred', 'accept', staff(['handler'], null)],
  ] as const)('refuses %s', (_name, from, type, actor) => {
    const result = act(walkTo(from), ACTIONS[type], actor);
    expect(result).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
  });

  it('names who may act in the refusal', () => {
    const result = act(walkTo('transferred'), ACTIONS.accept, clerk(ORGAN));
    expect(result).toEqual({
      ok: false,
      code: 'NOT_PERMITTED',
      message: '无权受理：须由责任单位的承办人办理',
    });
  });

  it('lets a clerk of the review organ record a review request made on paper', () => {
    const result = act(walkTo('replied'), ACTIONS['request-review'], clerk(REVIEW));
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'under-review', reviewOrganId: REVIEW },
    });
  });

  it('lets the office clerk route an unrouted matter to litigation', () => {
    const result = act(register(), ACTIONS['route-to-litigation'], clerk(OFFICE));
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'routed-to-litigation', legalRoute: 'litigation' },
    });
  });

  it('lets the registering organ handle a matter itself (accept without routing)', () => {
    const state = expectOk(act(register(), ACTIONS.accept, handler(OFFICE)));
    expect(state).toMatchObject({ status: 'accepted', responsibleOrganId: OFFICE, routing: null });
    expect(act(state, ACTIONS.reply, handler(OFFICE))).toMatchObject({ ok: true });
  });

  it('accepts an actor holding several roles, one of them the right one', () => {
    const result = act(walkTo('transferred'), ACTIONS.accept, staff(['analyst', 'handler'], ORGAN));
    expect(result).toMatchObject({ ok: true });
  });
});

describe('registerPetition', () => {
  it('registers with route-by and accept-by 15 days later and no other deadline', () => {
    const state = register(cst('2026-09-30T10:00:00'));
    expect(state).toMatchObject({
      status: 'registered',
      registeringOrganId: OFFICE,
      responsibleOrganId: null,
      extension: null,
    });
    expect(state.deadlines).toEqual({
      routeBy: endOf('2026-10-15'),
      acceptBy: endOf('2026-10-15'),
      objectBy: null,
      reportBy: null,
      concludeBy: null,
      reviewRequestBy: null,
      reviewDecideBy: null,
      reexaminationRequestBy: null,
      reexaminationDecideBy: null,
    });
  });

  it('counts the 15 days in working days in working-day mode', () => {
    const state = register(cst('2026-09-21T10:00:00'), workingDays);
    expect(state.deadlines.routeBy).toEqual(endOf('2026-10-19'));
  });

  it('lets the system register an online submission', () => {
    const result = registerPetition(
      { id: 'case-9', divisionCode: '510104', registeringOrganId: OFFICE },
      SYSTEM,
      cst('2026-03-02T09:00:00'),
      calendarDays,
    );
    expect(result).toMatchObject({ ok: true, state: { id: 'case-9', status: 'registered' } });
  });

  it.each([
    ['a handler', handler(OFFICE)],
    ['a clerk of another organ', clerk(OTHER)],
    ['the petitioner', PETITIONER],
  ] as const)('refuses registration by %s', (_name, actor) => {
    const result = registerPetition(
      { id: 'case-9', divisionCode: '510104', registeringOrganId: OFFICE },
      actor,
      cst('2026-03-02T09:00:00'),
      calendarDays,
    );
    expect(result).toMatchObject({ ok: false, code: 'NOT_PERMITTED' });
  });

  it('refuses a malformed division code or a missing id', () => {
    const at = cst('2026-03-02T09:00:00');
    const input = { id: 'case-9', divisionCode: '5101', registeringOrganId: OFFICE };
    expect(registerPetition(input, clerk(OFFICE), at, calendarDays)).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(
      registerPetition(
        { ...input, divisionCode: '510104', id: ' ' },
        clerk(OFFICE),
        at,
        calendarDays,
      ),
    ).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('routing: transfer, assign, objection', () => {
  it('transfers to a lead organ with co-handling organs and tells everyone', () => {
    const result = act(register(), ACTIONS.transfer, clerk(OFFICE), cst('2026-03-05T10:00:00'));
    expect(result).toMatchObject({
      ok: true,
      state: {
        status: 'transferred',
        routing: 'transfer',
        responsibleOrganId: ORGAN,
        coHandlingOrganIds: [CO],
        receivedByOrganAt: cst('2026-03-05T10:00:00'),
      },
      deadlines: { acceptBy: endOf('2026-03-20'), objectBy: endOf('2026-03-12') },
      effects: [
        { type: 'notify-organ', organId: ORGAN, capacity: 'lead', routing: 'transfer' },
        { type: 'notify-organ', organId: CO, capacity: 'co-handling', routing: 'transfer' },
        { type: 'notify-petitioner', notice: 'routing' },
      ],
    });
  });

  it('assigns with a deadline for the result report', () => {
    const result = act(register(), ACTIONS.assign, clerk(OFFICE), cst('2026-03-05T10:00:00'));
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'assigned', reportWithinDays: 20 },
      deadlines: { reportBy: endOf('2026-03-25') },
    });
  });

  it.each([
    ['no lead organ', { type: 'transfer', leadOrganId: '' }],
    [
      'the lead also co-handling',
      { type: 'transfer', leadOrganId: ORGAN, coHandlingOrganIds: [ORGAN] },
    ],
    [
      'a co-handling organ twice',
      { type: 'transfer', leadOrganId: ORGAN, coHandlingOrganIds: [CO, CO] },
    ],
    [
      'an assignment without a report deadline',
      { type: 'assign', leadOrganId: ORGAN, reportWithinDays: 0 },
    ],
  ] as const)('refuses routing with %s', (_name, action) => {
    expect(act(register(), action as PetitionAction, clerk(OFFICE))).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });

  it('records a late routing as a missed route-by deadline but allows it', () => {
    const state = register(cst('2026-03-02T09:00:00'));
    const result = act(state, ACTIONS.transfer, clerk(OFFICE), cst('2026-03-18T09:00:00'));
    expect(result).toMatchObject({
      ok: true,
    });
    expect(result.ok && result.effects[0]).toEqual({
      type: 'deadline-missed',
      deadline: 'routeBy',
      dueAt: endOf('2026-03-17'),
    });
    expect(result.ok && result.effects).toHaveLength(4);
  });

  it('returns an objected case to the office, which re-routes it to another organ', () => {
    const transferred = walkTo('transferred');
    const objected = act(transferred, ACTIONS.object, handler(ORGAN));
    expect(objected).toMatchObject({
      ok: true,
      state: {
        status: 'returned',
        responsibleOrganId: null,
        coHandlingOrganIds: [],
        receivedByOrganAt: null,
        objections: [{ organId: ORGAN, reason: '该事项属于民政部门职责' }],
      },
      deadlines: { objectBy: null },
      effects: [{ type: 'returned-to-office', organId: OFFICE, reason: '该事项属于民政部门职责' }],
    });
    const returned = expectOk(objected);
    const rerouted = expectOk(
      act(returned, { type: 'transfer', leadOrganId: OTHER }, clerk(OFFICE)),
    );
    expect(rerouted).toMatchObject({ status: 'transferred', responsibleOrganId: OTHER });
    expect(act(rerouted, ACTIONS.accept, handler(ORGAN))).toMatchObject({ code: 'NOT_PERMITTED' });
    expect(act(rerouted, ACTIONS.accept, handler(OTHER))).toMatchObject({ ok: true });
  });

  it('requires a reason for an objection', () => {
    const result = act(walkTo('transferred'), { type: 'object', reason: '  ' }, handler(ORGAN));
    expect(result).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  describe.each([
    ['calendar-day', calendarDays],
    ['working-day', workingDays],
  ] as const)('the 5-working-day objection period across National Day (%s mode)', (_mode, cal) => {
    // Received Tuesday 09-29: working days 09-30, 10-08, 10-09, 10-10 (make-up), 10-12.
    const transferred = () =>
      expectOk(
        act(
          register(cst('2026-09-28T09:00:00'), cal),
          ACTIONS.transfer,
          clerk(OFFICE),
          cst('2026-09-29T15:00:00'),
          cal,
        ),
      );

    it('ends on 12 October', () => {
      expect(transferred().deadlines.objectBy).toEqual(endOf('2026-10-12'));
    });

    it('allows an objection on the fifth working day', () => {
      const result = act(
        transferred(),
        ACTIONS.object,
        handler(ORGAN),
        cst('2026-10-12T18:00:00'),
        cal,
      );
      expect(result).toMatchObject({ ok: true, state: { status: 'returned' } });
    });

    it('refuses an objection on the sixth working day', () => {
      const result = act(
        transferred(),
        ACTIONS.object,
        handler(ORGAN),
        cst('2026-10-13T09:00:00'),
        cal,
      );
      expect(result).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
      expect(!result.ok && result.message).toContain('2026-10-12');
    });
  });
});

describe('acceptance and its alternatives', () => {
  it('accepts, tells the petitioner and starts the 60-day conclusion limit', () => {
    const transferred = walkTo('transferred');
    const result = act(transferred, ACTIONS.accept, handler(ORGAN), cst('2026-03-05T10:00:00'));
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'accepted', acceptedAt: cst('2026-03-05T10:00:00') },
      deadlines: { concludeBy: endOf('2026-05-04') },
      effects: [{ type: 'notify-petitioner', notice: 'acceptance' }],
    });
  });

  it('allows a late acceptance but records the missed accept-by deadline', () => {
    // Transferred 2026-03-03T09:00+08:00, so the organ had until the end of 03-18.
    const result = act(
      walkTo('transferred'),
      ACTIONS.accept,
      handler(ORGAN),
      cst('2026-03-19T09:00:00'),
    );
    expect(result).toMatchObject({
      ok: true,
      effects: [
        { type: 'deadline-missed', deadline: 'acceptBy', dueAt: endOf('2026-03-18') },
        { type: 'notify-petitioner', notice: 'acceptance' },
      ],
    });
  });

  it('does not flag an acceptance at the last minute of the fifteenth day', () => {
    const result = act(
      walkTo('transferred'),
      ACTIONS.accept,
      handler(ORGAN),
      cst('2026-03-18T23:59:59'),
    );
    expect(result).toMatchObject({ ok: true, effects: [{ type: 'notify-petitioner' }] });
  });

  it('declines with a reason given to the petitioner', () => {
    const result = act(walkTo('assigned'), ACTIONS.decline, handler(ORGAN));
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'declined', closingReason: '已通过其他法定途径处理' },
      effects: [
        { type: 'notify-petitioner', notice: 'non-acceptance', reason: '已通过其他法定途径处理' },
      ],
    });
  });

  it('requires a reason to decline or to route to litigation', () => {
    const state = walkTo('transferred');
    expect(act(state, { type: 'decline', reason: '' }, handler(ORGAN))).toMatchObject({
      code: 'REASON_REQUIRED',
    });
    expect(
      act(
        state,
        { type: 'route-to-litigation', legalRoute: 'arbitration', reason: '' },
        handler(ORGAN),
      ),
    ).toMatchObject({ code: 'REASON_REQUIRED' });
  });

  it('refuses an unknown legal route', () => {
    const action = { type: 'route-to-litigation', legalRoute: 'mediation', reason: '调解' };
    expect(act(walkTo('transferred'), action as PetitionAction, handler(ORGAN))).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('the extension', () => {
  const accepted = (calendar = calendarDays) => {
    const transferred = expectOk(
      act(
        register(cst('2026-08-01T09:00:00'), calendar),
        ACTIONS.transfer,
        clerk(OFFICE),
        cst('2026-08-02T09:00:00'),
        calendar,
      ),
    );
    return expectOk(
      act(transferred, ACTIONS.accept, handler(ORGAN), cst('2026-08-03T10:00:00'), calendar),
    );
  };
  const request = (days: number, reason = '需委托鉴定') =>
    ({ type: 'request-extension', days, reason }) as const;

  it('goes to the organ head, who approves it: conclude-by moves and the petitioner is told why', () => {
    const start = accepted();
    expect(start.deadlines.concludeBy).toEqual(endOf('2026-10-02'));
    const requested = act(start, request(30), handler(ORGAN), cst('2026-09-20T10:00:00'));
    expect(requested).toMatchObject({
      ok: true,
      state: {
        status: 'extension-requested',
        pendingExtension: { days: 30, reason: '需委托鉴定' },
      },
      deadlines: { concludeBy: endOf('2026-10-02') },
      effects: [{ type: 'request-approval', organId: ORGAN, days: 30, reason: '需委托鉴定' }],
    });
    const approved = act(
      expectOk(requested),
      ACTIONS['approve-extension'],
      leader(ORGAN),
      cst('2026-09-21T10:00:00'),
    );
    expect(approved).toMatchObject({
      ok: true,
      state: {
        status: 'accepted',
        pendingExtension: null,
        extension: { days: 30, approvedAt: cst('2026-09-21T10:00:00') },
      },
      deadlines: { concludeBy: endOf('2026-11-01') },
      effects: [{ type: 'notify-petitioner', notice: 'extension', reason: '需委托鉴定' }],
    });
  });

  it('is counted in working days across National Day in working-day mode', () => {
    const start = accepted(workingDays);
    expect(start.deadlines.concludeBy).toEqual(endOf('2026-10-30'));
    const requested = expectOk(
      act(start, request(30), handler(ORGAN), cst('2026-10-09T10:00:00'), workingDays),
    );
    const approved = act(
      requested,
      ACTIONS['approve-extension'],
      leader(ORGAN),
      cst('2026-10-10T10:00:00'),
      workingDays,
    );
    expect(approved).toMatchObject({ ok: true, deadlines: { concludeBy: endOf('2026-12-11') } });
  });

  it('is granted only once', () => {
    const requested = expectOk(
      act(accepted(), request(10), handler(ORGAN), cst('2026-09-01T10:00:00')),
    );
    const approved = expectOk(
      act(requested, ACTIONS['approve-extension'], leader(ORGAN), cst('2026-09-02T10:00:00')),
    );
    const again = act(approved, request(5), handler(ORGAN), cst('2026-09-03T10:00:00'));
    expect(again).toMatchObject({ ok: false, code: 'EXTENSION_ALREADY_USED' });
  });

  it('may be asked again after the head refused it, and the refusal keeps conclude-by', () => {
    const requested = expectOk(
      act(accepted(), request(10), handler(ORGAN), cst('2026-09-01T10:00:00')),
    );
    const rejected = expectOk(
      act(requested, ACTIONS['reject-extension'], leader(ORGAN), cst('2026-09-02T10:00:00')),
    );
    expect(rejected).toMatchObject({ status: 'accepted', pendingExtension: null, extension: null });
    expect(rejected.deadlines.concludeBy).toEqual(endOf('2026-10-02'));
    expect(act(rejected, request(5), handler(ORGAN), cst('2026-09-03T10:00:00'))).toMatchObject({
      ok: true,
    });
  });

  it('may not exceed 30 days', () => {
    expect(act(accepted(), request(31), handler(ORGAN))).toMatchObject({
      code: 'EXTENSION_TOO_LONG',
    });
    expect(act(accepted(), request(30), handler(ORGAN))).toMatchObject({ ok: true });
  });

  it.each([0, -3, 2.5])('refuses %p days', (days) => {
    expect(act(accepted(), request(days), handler(ORGAN))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('needs a reason to tell the petitioner', () => {
    expect(act(accepted(), request(10, ' '), handler(ORGAN))).toMatchObject({
      code: 'REASON_REQUIRED',
    });
  });

  it('must be asked before conclude-by has passed', () => {
    const onTime = act(accepted(), request(10), handler(ORGAN), cst('2026-10-02T23:00:00'));
    expect(onTime).toMatchObject({ ok: true });
    const late = act(accepted(), request(10), handler(ORGAN), cst('2026-10-03T08:00:00'));
    expect(late).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
  });

  it('lapses when the handler replies while it awaits approval', () => {
    const requested = expectOk(
      act(accepted(), request(10), handler(ORGAN), cst('2026-09-01T10:00:00')),
    );
    const replied = act(requested, ACTIONS.reply, handler(ORGAN), cst('2026-09-02T10:00:00'));
    expect(replied).toMatchObject({
      ok: true,
      state: { status: 'replied', pendingExtension: null, extension: null },
    });
  });
});

describe('reply and conclusion', () => {
  it('records a reply after conclude-by as missed but accepts it', () => {
    const accepted = walkTo('accepted'); // accepted 2026-03-04T09:00+08:00 → conclude by 05-03
    const result = act(accepted, ACTIONS.reply, handler(ORGAN), cst('2026-05-04T09:00:00'));
    expect(result).toMatchObject({
      ok: true,
      deadlines: { reviewRequestBy: endOf('2026-06-03') },
      effects: [
        { type: 'deadline-missed', deadline: 'concludeBy', dueAt: endOf('2026-05-03') },
        { type: 'notify-petitioner', notice: 'handling-opinion' },
      ],
    });
  });

  it('owes the assigning office a result report when an assigned case is concluded', () => {
    let state = walkTo('assigned'); // assigned 2026-03-03T09:00+08:00, report within 20 days
    expect(state.deadlines.reportBy).toEqual(endOf('2026-03-23'));
    state = expectOk(act(state, ACTIONS.accept, handler(ORGAN)));
    state = expectOk(act(state, ACTIONS.reply, handler(ORGAN)));
    const onTime = act(state, ACTIONS.conclude, handler(ORGAN));
    expect(onTime).toMatchObject({
      ok: true,
      effects: [{ type: 'result-report-due', organId: OFFICE }],
    });
    const late = act(state, ACTIONS.conclude, handler(ORGAN), cst('2026-03-24T09:00:00'));
    expect(late).toMatchObject({
      ok: true,
      effects: [
        { type: 'deadline-missed', deadline: 'reportBy', dueAt: endOf('2026-03-23') },
        { type: 'result-report-due', organId: OFFICE },
      ],
    });
  });

  it('owes no result report for a transferred case', () => {
    const result = act(walkTo('replied'), ACTIONS.conclude, handler(ORGAN));
    expect(result).toMatchObject({ ok: true, effects: [] });
  });
});

describe('review and re-examination periods', () => {
  // Replied 2026-09-01T10:00+08:00: review may be asked until the end of 10-01 (day 30).
  const replied = () => {
    const accepted = walkTo('accepted');
    return expectOk(act(accepted, ACTIONS.reply, handler(ORGAN), cst('2026-09-01T10:00:00')));
  };

  it('allows a review request at the last minute of day 30 after the reply', () => {
    const result = act(
      replied(),
      ACTIONS['request-review'],
      PETITIONER,
      cst('2026-10-01T23:59:00'),
    );
    expect(result).toMatchObject({
      ok: true,
      state: { status: 'under-review', reviewOrganId: REVIEW },
      deadlines: { reviewDecideBy: endOf('2026-10-31') },
    });
  });

  it('refuses a review request on day 31 as DEADLINE_PASSED', () => {
    const result = act(
      replied(),
      ACTIONS['request-review'],
      PETITIONER,
      cst('2026-10-02T00:00:00'),
    );
    expect(result).toEqual({
      ok: false,
      code: 'DEADLINE_PASSED',
      message: '已超过复查请求期限（2026-10-01）',
    });
  });

  it('keeps the review window open after the organ concluded the case', () => {
    const concluded = expectOk(
      act(replied(), ACTIONS.conclude, handler(ORGAN), cst('2026-09-02T10:00:00')),
    );
    expect(
      act(concluded, ACTIONS['request-review'], PETITIONER, cst('2026-09-30T10:00:00')),
    ).toMatchObject({ ok: true });
    expect(
      act(concluded, ACTIONS['request-review'], PETITIONER, cst('2026-10-02T10:00:00')),
    ).toMatchObject({
      code: 'DEADLINE_PASSED',
    });
  });

  it('refuses the original organ as its own review organ', () => {
    const result = act(replied(), { type: 'request-review', reviewOrganId: ORGAN }, PETITIONER);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('refuses a re-examination request on day 31 after the review decision', () => {
    const underReview = expectOk(
      act(replied(), ACTIONS['request-review'], PETITIONER, cst('2026-09-05T10:00:00')),
    );
    const reviewed = expectOk(
      act(underReview, ACTIONS['decide-review'], handler(REVIEW), cst('2026-09-20T10:00:00')),
    );
    expect(reviewed.deadlines.reexaminationRequestBy).toEqual(endOf('2026-10-20'));
    expect(
      act(reviewed, ACTIONS['request-reexamination'], PETITIONER, cst('2026-10-21T08:00:00')),
    ).toMatchObject({
      ok: false,
      code: 'DEADLINE_PASSED',
    });
    expect(
      act(reviewed, ACTIONS['request-reexamination'], PETITIONER, cst('2026-10-20T20:00:00')),
    ).toMatchObject({
      ok: true,
      deadlines: { reexaminationDecideBy: endOf('2026-11-19') },
    });
  });

  it('refuses the review organ as the re-examination organ', () => {
    const result = act(
      walkTo('reviewed'),
      { type: 'request-reexamination', reexaminationOrganId: REVIEW },
      PETITIONER,
    );
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('records a late review decision as missed', () => {
    const underReview = walkTo('under-review');
    const dueAt = underReview.deadlines.reviewDecideBy!;
    const result = act(
      underReview,
      ACTIONS['decide-review'],
      handler(REVIEW),
      new Date(dueAt.getTime() + 1),
    );
    expect(result).toMatchObject({
      ok: true,
      effects: [
        { type: 'deadline-missed', deadline: 'reviewDecideBy', dueAt },
        { notice: 'review-opinion' },
      ],
    });
  });
});

describe('a hearing pauses the re-examination clock', () => {
  const underReexamination = (calendar: DeadlineCalendar, requestedAt: Date) => {
    // Registered 11 days earlier, reviewed 6 days later: the request is well in time.
    const start = new Date(requestedAt.getTime() - 11 * DAY_MS);
    const reviewed = walkTo('reviewed', calendar, 'case-1', start);
    return expectOk(
      act(reviewed, ACTIONS['request-reexamination'], PETITIONER, requestedAt, calendar),
    );
  };

  it('adds the hearing days back to decide-by in calendar-day mode', () => {
    const start = underReexamination(calendarDays, cst('2026-10-12T10:00:00'));
    expect(start.deadlines.reexaminationDecideBy).toEqual(endOf('2026-11-11'));
    const hearing = expectOk(
      act(start, ACTIONS['start-hearing'], handler(REEXAMINATION), cst('2026-10-20T09:00:00')),
    );
    expect(currentDeadline(hearing)).toBeNull();
    const resumed = act(
      hearing,
      ACTIONS['end-hearing'],
      handler(REEXAMINATION),
      cst('2026-10-22T17:00:00'),
    );
    expect(resumed).toMatchObject({
      ok: true,
      state: {
        status: 'under-reexamination',
        hearingStartedAt: null,
        hearingPauses: [{ start: cst('2026-10-20T09:00:00'), end: cst('2026-10-22T17:00:00') }],
      },
      deadlines: { reexaminationDecideBy: endOf('2026-11-14') },
    });
    const state = expectOk(resumed);
    expect(currentDeadline(state)).toEqual({
      kind: 'reexaminationDecideBy',
      dueAt: endOf('2026-11-14'),
    });
    const onTime = act(
      state,
      ACTIONS['decide-reexamination'],
      handler(REEXAMINATION),
      cst('2026-11-13T10:00:00'),
    );
    expect(onTime).toMatchObject({
      ok: true,
      state: { status: 'final' },
      effects: [{ type: 'notify-petitioner', notice: 'reexamination-opinion' }],
    });
    const late = act(
      state,
      ACTIONS['decide-reexamination'],
      handler(REEXAMINATION),
      cst('2026-11-15T10:00:00'),
    );
    expect(late).toMatchObject({
      ok: true,
      effects: [
        { type: 'deadline-missed', deadline: 'reexaminationDecideBy', dueAt: endOf('2026-11-14') },
        {},
      ],
    });
  });

  it('adds back only the working days of a hearing over National Day in working-day mode', () => {
    // Requested Monday 09-21: 30 working days end on 11-09. The hearing 09-30 to 10-09 takes
    // working days 09-30, 10-08 and 10-09, so the decision is due 3 working days later, 11-12.
    const start = underReexamination(workingDays, cst('2026-09-21T10:00:00'));
    expect(start.deadlines.reexaminationDecideBy).toEqual(endOf('2026-11-09'));
    const hearing = expectOk(
      act(
        start,
        ACTIONS['start-hearing'],
        handler(REEXAMINATION),
        cst('2026-09-30T09:00:00'),
        workingDays,
      ),
    );
    const resumed = act(
      hearing,
      ACTIONS['end-hearing'],
      handler(REEXAMINATION),
      cst('2026-10-09T12:00:00'),
      workingDays,
    );
    expect(resumed).toMatchObject({
      ok: true,
      deadlines: { reexaminationDecideBy: endOf('2026-11-12') },
    });
  });

  it('adds up several hearings', () => {
    let state = underReexamination(calendarDays, cst('2026-10-12T10:00:00'));
    const hearings: Array<[string, string]> = [
      ['2026-10-14T09:00:00', '2026-10-14T17:00:00'],
      ['2026-10-20T09:00:00', '2026-10-21T17:00:00'],
    ];
    for (const [from, to] of hearings) {
      state = expectOk(act(state, ACTIONS['start-hearing'], handler(REEXAMINATION), cst(from)));
      state = expectOk(act(state, ACTIONS['end-hearing'], handler(REEXAMINATION), cst(to)));
    }
    expect(state.hearingPauses).toHaveLength(2);
    expect(state.deadlines.reexaminationDecideBy).toEqual(endOf('2026-11-14'));
  });
});

describe('final: the same facts are not accepted again', () => {
  const finalCase = () => walkTo('final', calendarDays, 'case-final');

  const linkedNewCase = () => {
    const fresh = register(cst('2026-06-01T09:00:00'), calendarDays, 'case-new');
    const link = { type: 'link-final-case', finalCase: finalCase() } as const;
    return expectOk(act(fresh, link, clerk(OFFICE)));
  };

  it('links a new case to a final one with the same facts and reasons', () => {
    expect(linkedNewCase()).toMatchObject({
      status: 'registered',
      sameFactsAsFinalCaseId: 'case-final',
    });
  });

  it('refuses to accept the linked case', () => {
    const result = act(linkedNewCase(), ACTIONS.accept, handler(OFFICE));
    expect(result).toEqual({
      ok: false,
      code: 'NOT_ACCEPTED_AGAIN',
      message: '与已终结的信访事项（case-final）事实和理由相同，不再受理',
    });
  });

  it('refuses to transfer or assign it to an organ for acceptance', () => {
    expect(act(linkedNewCase(), ACTIONS.transfer, clerk(OFFICE))).toMatchObject({
      code: 'NOT_ACCEPTED_AGAIN',
    });
    expect(act(linkedNewCase(), ACTIONS.assign, clerk(OFFICE))).toMatchObject({
      code: 'NOT_ACCEPTED_AGAIN',
    });
  });

  it('lets it be declined with the written notice', () => {
    const result = act(
      linkedNewCase(),
      { type: 'decline', reason: '同一事实和理由已复核终结' },
      handler(OFFICE),
    );
    expect(result).toMatchObject({ ok: true, state: { status: 'declined' } });
  });

  it('accepts it again once staff unlink a wrong match', () => {
    const unlinked = expectOk(act(linkedNewCase(), ACTIONS['link-final-case'], clerk(OFFICE)));
    expect(unlinked.sameFactsAsFinalCaseId).toBeNull();
    expect(act(unlinked, ACTIONS.accept, handler(OFFICE))).toMatchObject({ ok: true });
  });

  it('refuses to link a case that is not final, or the case itself', () => {
    const fresh = register();
    const notFinal = {
      type: 'link-final-case',
      finalCase: walkTo('reviewed', calendarDays, 'case-2'),
    } as const;
    expect(act(fresh, notFinal, clerk(OFFICE))).toMatchObject({ code: 'INVALID_INPUT' });
    const itself = {
      type: 'link-final-case',
      finalCase: { id: fresh.id, status: 'final' },
    } as const;
    expect(act(fresh, itself, clerk(OFFICE))).toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('allows nothing at all on the final case itself', () => {
    const state = finalCase();
    for (const type of PETITION_ACTION_TYPES) {
      expect(act(state, ACTIONS[type], actorFor(type, 'final'))).toMatchObject({
        code: 'ILLEGAL_TRANSITION',
      });
    }
  });
});

describe('one case from registration to final', () => {
  it('walks transfer, objection, re-routing, acceptance, extension, reply, review and re-examination', () => {
    const steps: Array<[PetitionAction, WorkflowActor, string, PetitionStatus]> = [
      [ACTIONS.transfer, clerk(OFFICE), '2026-09-07T10:00:00', 'transferred'],
      [ACTIONS.object, handler(ORGAN), '2026-09-09T10:00:00', 'returned'],
      [
        { type: 'transfer', leadOrganId: OTHER },
        clerk(OFFICE),
        '2026-09-10T10:00:00',
        'transferred',
      ],
      [ACTIONS.accept, handler(OTHER), '2026-09-14T10:00:00', 'accepted'],
      [ACTIONS['request-extension'], handler(OTHER), '2026-11-01T10:00:00', 'extension-requested'],
      [ACTIONS['approve-extension'], leader(OTHER), '2026-11-02T10:00:00', 'accepted'],
      [ACTIONS.reply, handler(OTHER), '2026-11-20T10:00:00', 'replied'],
      [ACTIONS.conclude, handler(OTHER), '2026-11-21T10:00:00', 'concluded'],
      [ACTIONS['request-review'], PETITIONER, '2026-12-01T10:00:00', 'under-review'],
      [ACTIONS['decide-review'], handler(REVIEW), '2026-12-20T10:00:00', 'reviewed'],
      [ACTIONS['request-reexamination'], PETITIONER, '2027-01-05T10:00:00', 'under-reexamination'],
      [ACTIONS['start-hearing'], handler(REEXAMINATION), '2027-01-12T10:00:00', 'hearing'],
      [
        ACTIONS['end-hearing'],
        handler(REEXAMINATION),
        '2027-01-13T16:00:00',
        'under-reexamination',
      ],
      [ACTIONS['decide-reexamination'], handler(REEXAMINATION), '2027-02-05T10:00:00', 'final'],
    ];
    let state = register(cst('2026-09-07T09:00:00'));
    const statuses: PetitionStatus[] = [];
    for (const [action, actor, at, expected] of steps) {
      const result = act(state, action, actor, cst(at));
      state = expectOk(result);
      statuses.push(state.status);
      expect(state.status).toBe(expected);
      expect(result.ok && result.effects.some((e) => e.type === 'deadline-missed')).toBe(false);
    }
    expect(statuses).toHaveLength(14);
    expect(state).toMatchObject({
      responsibleOrganId: OTHER,
      objections: [{ organId: ORGAN }],
      extension: { days: 20 },
      reviewOrganId: REVIEW,
      reexaminationOrganId: REEXAMINATION,
    });
    expect(state.deadlines).toMatchObject({
      concludeBy: endOf('2026-12-03'), // accepted 09-14 + 60 + 20
      reviewRequestBy: endOf('2026-12-20'),
      reviewDecideBy: endOf('2026-12-31'),
      reexaminationRequestBy: endOf('2027-01-19'),
      reexaminationDecideBy: endOf('2027-02-06'), // 01-05 + 30 + 2 hearing days
    });
    expect(currentDeadline(state)).toBeNull();
  });
});

describe('deadlines', () => {
  it.each([
    ['registered', 'routeBy'],
    ['returned', 'routeBy'],
    ['transferred', 'acceptBy'],
    ['assigned', 'acceptBy'],
    ['accepted', 'concludeBy'],
    ['extension-requested', 'concludeBy'],
    ['replied', 'concludeBy'],
    ['under-review', 'reviewDecideBy'],
    ['under-reexamination', 'reexaminationDecideBy'],
  ] as const)('a %s case is working against %s', (status, kind) => {
    const state = walkTo(status);
    expect(currentDeadline(state)).toEqual({ kind, dueAt: state.deadlines[kind] });
  });

  it.each([
    'concluded',
    'reviewed',
    'hearing',
    'declined',
    'routed-to-litigation',
    'final',
  ] as const)('a %s case has no organ deadline running', (status) => {
    expect(currentDeadline(walkTo(status))).toBeNull();
  });

  it('are recomputed when a deployment loads a later year of holidays', () => {
    const transferred = expectOk(
      act(
        register(cst('2026-12-01T09:00:00'), workingDays),
        ACTIONS.transfer,
        clerk(OFFICE),
        cst('2026-12-02T09:00:00'),
        workingDays,
      ),
    );
    const accepted = expectOk(
      act(transferred, ACTIONS.accept, handler(ORGAN), cst('2026-12-10T10:00:00'), workingDays),
    );
    // 2027 is not in chinese-days: weekends only.
    expect(accepted.deadlines.concludeBy).toEqual(endOf('2027-03-04'));
    const with2027 = new DeadlineCalendar({
      mode: 'working-day',
      overrides: { holidays: ['2027-01-01'] },
    });
    expect(computeDeadlines(accepted, with2027).concludeBy).toEqual(endOf('2027-03-05'));
  });
});
