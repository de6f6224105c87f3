import { chinaDateOf } from '../calendar/china-day.js';
import type { DeadlineCalendar } from '../calendar/deadline-calendar.js';
import {
  type ActingParty,
  type CaseRole,
  PETITION_ACTION_LABELS,
  PETITION_TRANSITIONS,
  type PetitionAction,
  type PetitionActionType,
  type TransitionRule,
} from './petition-actions.js';
import { computeDeadlines } from './petition-deadlines.js';
import {
  DEADLINE_LABELS,
  type DeadlineKind,
  LEGAL_ROUTES,
  PETITION_STATUS_LABELS,
  type PetitionCaseState,
  type PetitionDeadlines,
  type PetitionStatus,
  STATUTORY_PERIODS,
} from './petition-state.js';

/** A staff member; the platform's `Principal` fits as it is. */
export interface StaffActor {
  readonly kind?: 'staff';
  readonly roles: readonly string[];
  readonly organId: string | null;
  readonly divisionCode: string;
}

/** The case's own petitioner, authenticated by intake (tracking code) before this is called. */
export interface PetitionerActor {
  readonly kind: 'petitioner';
}

/** The platform itself: registers what the public submits online. Only `registerPetition`. */
export interface SystemActor {
  readonly kind: 'system';
}

export type WorkflowActor = StaffActor | PetitionerActor | SystemActor;

export type TransitionErrorCode =
  /** The action is not possible from the case's status. */
  | 'ILLEGAL_TRANSITION'
  /** Wrong role, or not of the organ that has to act. */
  | 'NOT_PERMITTED'
  /** A period the act must fall within has run out (objection, review or re-examination request, extension). */
  | 'DEADLINE_PASSED'
  | 'EXTENSION_ALREADY_USED'
  | 'EXTENSION_TOO_LONG'
  | 'REASON_REQUIRED'
  /** Same facts and reasons as a final case (终结): not accepted again. */
  | 'NOT_ACCEPTED_AGAIN'
  /** A malformed action, actor or time. */
  | 'INVALID_INPUT';

/** The written notices the petitioner is owed (part 4 renders them). */
export type PetitionerNotice =
  | 'routing' // 转送、交办去向告知
  | 'acceptance' // 受理告知书
  | 'non-acceptance' // 不予受理告知书
  | 'legal-route' // 导入法定途径告知
  | 'extension' // 延期告知书
  | 'handling-opinion' // 处理意见书
  | 'review-opinion' // 复查意见书
  | 'reexamination-opinion'; // 复核意见书

/** What should happen because of a transition; the app turns these into notices and events. */
export type WorkflowEffect =
  | {
      readonly type: 'notify-petitioner';
      readonly notice: PetitionerNotice;
      readonly reason?: string;
    }
  | {
      readonly type: 'notify-organ';
      readonly organId: string;
      readonly capacity: 'lead' | 'co-handling';
      readonly routing: 'transfer' | 'assign';
    }
  /** The receiving organ objected; the registering office has to re-route. */
  | { readonly type: 'returned-to-office'; readonly organId: string; readonly reason: string }
  /** The organ head has an extension to approve. */
  | {
      readonly type: 'request-approval';
      readonly organId: string;
      readonly days: number;
      readonly reason: string;
    }
  /** An assigned case is concluded: the result report (办结报告) goes to the assigning office. */
  | { readonly type: 'result-report-due'; readonly organId: string }
  /** The act is allowed but late: counts against the timely rates and for supervision. */
  | { readonly type: 'deadline-missed'; readonly deadline: DeadlineKind; readonly dueAt: Date };

export interface TransitionSuccess {
  readonly ok: true;
  readonly state: PetitionCaseState;
  /** Same as `state.deadlines`. */
  readonly deadlines: PetitionDeadlines;
  readonly effects: readonly WorkflowEffect[];
}

export interface TransitionFailure {
  readonly ok: false;
  readonly code: TransitionErrorCode;
  /** In Chinese, fit to show to the user. */
  readonly message: string;
}

export type TransitionResult = TransitionSuccess | TransitionFailure;

export interface RegisterPetitionInput {
  readonly id: string;
  /** GB/T 2260 code of the matter's locality. */
  readonly divisionCode: string;
  /** The petition office (or organ) that registers it and will route it. */
  readonly registeringOrganId: string;
}

type Patch = Partial<Omit<PetitionCaseState, 'status' | 'deadlines' | 'updatedAt'>>;

interface Applied {
  readonly patch: Patch;
  readonly effects: readonly WorkflowEffect[];
}

interface Context<A extends PetitionAction> {
  readonly state: PetitionCaseState;
  readonly action: A;
  readonly at: Date;
}

type Apply<T extends PetitionActionType> = (
  ctx: Context<Extract<PetitionAction, { type: T }>>,
) => Applied | TransitionFailure;

const UNROUTED: readonly PetitionStatus[] = ['registered', 'returned'];

const ROLE_LABELS: Readonly<Record<CaseRole, string>> = {
  clerk: '登记员',
  handler: '承办人',
  leader: '单位负责人',
};

const ORGAN_LABELS: Readonly<Record<ActingParty['organ'], string>> = {
  registering: '登记机关',
  responsible: '责任单位',
  review: '复查机关',
  reexamination: '复核机关',
};

function fail(code: TransitionErrorCode, message: string): TransitionFailure {
  return { ok: false, code, message };
}

function isInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isStaff(actor: WorkflowActor): actor is StaffActor {
  return actor.kind === undefined || actor.kind === 'staff';
}

/** The organ a party must belong to, for this case and action. */
function organOf(
  party: ActingParty,
  state: PetitionCaseState,
  action: PetitionAction,
): string | null {
  switch (party.organ) {
    case 'registering':
      return state.registeringOrganId;
    case 'responsible':
      // Until it is routed, "handle it here" makes the registering organ responsible.
      return UNROUTED.includes(state.status) ? state.registeringOrganId : state.responsibleOrganId;
    case 'review':
      return action.type === 'request-review' ? action.reviewOrganId : state.reviewOrganId;
    case 'reexamination':
      return action.type === 'request-reexamination'
        ? action.reexaminationOrganId
        : state.reexaminationOrganId;
  }
}

function isPermitted(
  rule: TransitionRule,
  state: PetitionCaseState,
  action: PetitionAction,
  actor: WorkflowActor,
): boolean {
  if (actor.kind === 'petitioner') return rule.petitioner;
  if (!isStaff(actor) || !Array.isArray(actor.roles) || !isId(actor.organId)) return false;
  return rule.staff.some(
    (party) =>
      (party.onlyFrom === undefined || party.onlyFrom.includes(state.status)) &&
      actor.roles.includes(party.role) &&
      organOf(party, state, action) === actor.organId,
  );
}

function whoMay(rule: TransitionRule, status: PetitionStatus): string {
  const parties = rule.staff
    .filter((party) => party.onlyFrom === undefined || party.onlyFrom.includes(status))
    .map((party) => `${ORGAN_LABELS[party.organ]}的${ROLE_LABELS[party.role]}`);
  if (rule.petitioner) parties.unshift('信访人本人');
  return parties.join('或');
}

function deadlineText(kind: DeadlineKind, dueAt: Date): string {
  return `${DEADLINE_LABELS[kind]}（${chinaDateOf(dueAt)}）`;
}

/** Refuses an act that must fall within a period. */
function mustBeWithin(
  state: PetitionCaseState,
  kind: DeadlineKind,
  at: Date,
): TransitionFailure | null {
  const dueAt = state.deadlines[kind];
  if (dueAt === null || at.getTime() <= dueAt.getTime()) return null;
  return fail('DEADLINE_PASSED', `已超过${deadlineText(kind, dueAt)}`);
}

/** Notes a late act by an organ: allowed (the duty remains) but recorded. */
function lateness(state: PetitionCaseState, kind: DeadlineKind, at: Date): WorkflowEffect[] {
  const dueAt = state.deadlines[kind];
  if (dueAt === null || at.getTime() <= dueAt.getTime()) return [];
  return [{ type: 'deadline-missed', deadline: kind, dueAt }];
}

function notAcceptedAgain(state: PetitionCaseState): TransitionFailure | null {
  if (state.sameFactsAsFinalCaseId === null) return null;
  return fail(
    'NOT_ACCEPTED_AGAIN',
    `与已终结的信访事项（${state.sameFactsAsFinalCaseId}）事实和理由相同，不再受理`,
  );
}

function route(
  ctx: Context<Extract<PetitionAction, { type: 'transfer' | 'assign' }>>,
): Applied | TransitionFailure {
  const { state, action, at } = ctx;
  const lead = action.leadOrganId;
  const co = action.coHandlingOrganIds ?? [];
  if (!isId(lead)) return fail('INVALID_INPUT', '须指定主办单位');
  if (!Array.isArray(co) || !co.every(isId)) return fail('INVALID_INPUT', '协办单位无效');
  if (co.includes(lead)) return fail('INVALID_INPUT', '主办单位不能同时是协办单位');
  if (new Set(co).size !== co.length) return fail('INVALID_INPUT', '协办单位重复');
  let reportWithinDays: number | null = null;
  if (action.type === 'assign') {
    if (!Number.isInteger(action.reportWithinDays) || action.reportWithinDays < 1) {
      return fail('INVALID_INPUT', '交办须规定报送办结报告的期限（天数为正整数）');
    }
    reportWithinDays = action.reportWithinDays;
  }
  const refused = notAcceptedAgain(state);
  if (refused) return refused;
  return {
    patch: {
      routing: action.type,
      responsibleOrganId: lead,
      coHandlingOrganIds: [...co],
      reportWithinDays,
      receivedByOrganAt: at,
    },
    effects: [
      ...lateness(state, 'routeBy', at),
      { type: 'notify-organ', organId: lead, capacity: 'lead', routing: action.type },
      ...co.map((organId): WorkflowEffect => ({
        type: 'notify-organ',
        organId,
        capacity: 'co-handling',
        routing: action.type,
      })),
      { type: 'notify-petitioner', notice: 'routing' },
    ],
  };
}

/** The deadline a pre-acceptance decision is measured against. */
function decisionDeadline(state: PetitionCaseState): DeadlineKind {
  return state.responsibleOrganId === null ? 'routeBy' : 'acceptBy';
}

const APPLY: { readonly [T in PetitionActionType]: Apply<T> } = {
  transfer: route,
  assign: route,

  object: ({ state, action, at }) => {
    if (isBlank(action.reason)) return fail('REASON_REQUIRED', '提出异议须详细说明理由');
    const late = mustBeWithin(state, 'objectBy', at);
    if (late) {
      return fail(
        'DEADLINE_PASSED',
        `异议须在收到之日起${STATUTORY_PERIODS.objectWorkingDays}个工作日内提出，${late.message}`,
      );
    }
    const organId = state.responsibleOrganId!;
    return {
      patch: {
        routing: null,
        responsibleOrganId: null,
        coHandlingOrganIds: [],
        reportWithinDays: null,
        receivedByOrganAt: null,
        objections: [...state.objections, { organId, at, reason: action.reason }],
      },
      effects: [
        { type: 'returned-to-office', organId: state.registeringOrganId, reason: action.reason },
      ],
    };
  },

  accept: ({ state, at }) => {
    const refused = notAcceptedAgain(state);
    if (refused) return refused;
    return {
      patch: {
        acceptedAt: at,
        responsibleOrganId: state.responsibleOrganId ?? state.registeringOrganId,
      },
      effects: [
        ...lateness(state, 'acceptBy', at),
        { type: 'notify-petitioner', notice: 'acceptance' },
      ],
    };
  },

  decline: ({ state, action, at }) => {
    if (isBlank(action.reason)) return fail('REASON_REQUIRED', '不予受理须说明理由');
    return {
      patch: {
        closedAt: at,
        closingReason: action.reason,
        responsibleOrganId: state.responsibleOrganId ?? state.registeringOrganId,
      },
      effects: [
        ...lateness(state, 'acceptBy', at),
        { type: 'notify-petitioner', notice: 'non-acceptance', reason: action.reason },
      ],
    };
  },

  'route-to-litigation': ({ state, action, at }) => {
    if (!LEGAL_ROUTES.includes(action.legalRoute)) {
      return fail('INVALID_INPUT', '须指明诉讼、仲裁或行政复议途径');
    }
    if (isBlank(action.reason)) return fail('REASON_REQUIRED', '导入法定途径须说明理由');
    return {
      patch: { closedAt: at, closingReason: action.reason, legalRoute: action.legalRoute },
      effects: [
        ...lateness(state, decisionDeadline(state), at),
        { type: 'notify-petitioner', notice: 'legal-route', reason: action.reason },
      ],
    };
  },

  'link-final-case': ({ state, action }) => {
    const finalCase = action.finalCase;
    if (finalCase === null) return { patch: { sameFactsAsFinalCaseId: null }, effects: [] };
    if (!isId(finalCase.id) || finalCase.id === state.id) {
      return fail('INVALID_INPUT', '关联的事项无效');
    }
    if (finalCase.status !== 'final') {
      return fail(
        'INVALID_INPUT',
        `关联的事项${PETITION_STATUS_LABELS[finalCase.status]}，尚未终结`,
      );
    }
    return { patch: { sameFactsAsFinalCaseId: finalCase.id }, effects: [] };
  },

  'request-extension': ({ state, action, at }) => {
    if (state.extension !== null) {
      return fail('EXTENSION_ALREADY_USED', '办理期限只能延长一次，本事项已经延期');
    }
    const max = STATUTORY_PERIODS.maxExtensionDays;
    if (!Number.isInteger(action.days) || action.days < 1) {
      return fail('INVALID_INPUT', '延长天数须为正整数');
    }
    if (action.days > max) return fail('EXTENSION_TOO_LONG', `延长期限不得超过${max}日`);
    if (isBlank(action.reason)) return fail('REASON_REQUIRED', '延期须说明理由，并告知信访人');
    const late = mustBeWithin(state, 'concludeBy', at);
    if (late) return fail('DEADLINE_PASSED', `须在办结期限届满前申请延期，${late.message}`);
    return {
      patch: { pendingExtension: { days: action.days, reason: action.reason, requestedAt: at } },
      effects: [
        {
          type: 'request-approval',
          organId: state.responsibleOrganId!,
          days: action.days,
          reason: action.reason,
        },
      ],
    };
  },

  // Timeliness was checked when the handler asked; the head's approval may come after.
  'approve-extension': ({ state, at }) => {
    const pending = state.pendingExtension;
    if (pending === null) return fail('INVALID_INPUT', '没有待批准的延期申请');
    return {
      patch: { extension: { ...pending, approvedAt: at }, pendingExtension: null },
      effects: [{ type: 'notify-petitioner', notice: 'extension', reason: pending.reason }],
    };
  },

  'reject-extension': () => ({ patch: { pendingExtension: null }, effects: [] }),

  // A reply while an extension awaits approval makes the request moot.
  reply: ({ state, at }) => ({
    patch: { repliedAt: at, pendingExtension: null },
    effects: [
      ...lateness(state, 'concludeBy', at),
      { type: 'notify-petitioner', notice: 'handling-opinion' },
    ],
  }),

  conclude: ({ state, at }) => ({
    patch: { concludedAt: at },
    effects: [
      ...lateness(state, 'concludeBy', at),
      ...(state.routing === 'assign'
        ? [
            ...lateness(state, 'reportBy', at),
            { type: 'result-report-due', organId: state.registeringOrganId } as const,
          ]
        : []),
    ],
  }),

  'request-review': ({ state, action, at }) => {
    if (!isId(action.reviewOrganId) || action.reviewOrganId === state.responsibleOrganId) {
      return fail('INVALID_INPUT', '复查机关应为原办理机关的上一级机关');
    }
    const late = mustBeWithin(state, 'reviewRequestBy', at);
    if (late) return late;
    return {
      patch: { reviewOrganId: action.reviewOrganId, reviewRequestedAt: at },
      effects: [],
    };
  },

  'decide-review': ({ state, at }) => ({
    patch: { reviewDecidedAt: at },
    effects: [
      ...lateness(state, 'reviewDecideBy', at),
      { type: 'notify-petitioner', notice: 'review-opinion' },
    ],
  }),

  'request-reexamination': ({ state, action, at }) => {
    const organId = action.reexaminationOrganId;
    if (!isId(organId) || organId === state.reviewOrganId || organId === state.responsibleOrganId) {
      return fail('INVALID_INPUT', '复核机关应为复查机关的上一级机关');
    }
    const late = mustBeWithin(state, 'reexaminationRequestBy', at);
    if (late) return late;
    return {
      patch: { reexaminationOrganId: organId, reexaminationRequestedAt: at },
      effects: [],
    };
  },

  'start-hearing': ({ at }) => ({ patch: { hearingStartedAt: at }, effects: [] }),

  'end-hearing': ({ state, at }) => ({
    patch: {
      hearingStartedAt: null,
      hearingPauses: [...state.hearingPauses, { start: state.hearingStartedAt ?? at, end: at }],
    },
    effects: [],
  }),

  'decide-reexamination': ({ state, at }) => ({
    patch: { reexaminationDecidedAt: at },
    effects: [
      ...lateness(state, 'reexaminationDecideBy', at),
      { type: 'notify-petitioner', notice: 'reexamination-opinion' },
    ],
  }),
};

/**
 * Registers (登记) a new petition case. A clerk of the registering organ does it, or the
 * system for what the public submits online. The office then has 15 days to route it.
 */
export function registerPetition(
  input: RegisterPetitionInput,
  actor: WorkflowActor,
  at: Date,
  calendar: DeadlineCalendar,
): TransitionResult {
  if (!isId(input.id)) return fail('INVALID_INPUT', '缺少事项编号');
  if (typeof input.divisionCode !== 'string' || !/^\d{6}$/.test(input.divisionCode)) {
    return fail('INVALID_INPUT', '行政区划代码应为6位数字');
  }
  if (!isId(input.registeringOrganId)) return fail('INVALID_INPUT', '缺少登记机关');
  if (!isInstant(at)) return fail('INVALID_INPUT', '操作时间无效');
  const permitted =
    actor.kind === 'system' ||
    (isStaff(actor) &&
      Array.isArray(actor.roles) &&
      actor.roles.includes('clerk') &&
      actor.organId === input.registeringOrganId);
  if (!permitted) return fail('NOT_PERMITTED', '无权登记：须由登记机关的登记员办理');
  const base: Omit<PetitionCaseState, 'deadlines'> = {
    id: input.id,
    status: 'registered',
    divisionCode: input.divisionCode,
    registeringOrganId: input.registeringOrganId,
    routing: null,
    responsibleOrganId: null,
    coHandlingOrganIds: [],
    reportWithinDays: null,
    reviewOrganId: null,
    reexaminationOrganId: null,
    registeredAt: at,
    receivedByOrganAt: null,
    acceptedAt: null,
    repliedAt: null,
    concludedAt: null,
    reviewRequestedAt: null,
    reviewDecidedAt: null,
    reexaminationRequestedAt: null,
    reexaminationDecidedAt: null,
    hearingStartedAt: null,
    hearingPauses: [],
    pendingExtension: null,
    extension: null,
    objections: [],
    closedAt: null,
    closingReason: null,
    legalRoute: null,
    sameFactsAsFinalCaseId: null,
    updatedAt: at,
  };
  const deadlines = computeDeadlines(base, calendar);
  return { ok: true, state: { ...base, deadlines }, deadlines, effects: [] };
}

/**
 * Applies one action to a case. Checks, in this order: the action is legal from the case's
 * status (ILLEGAL_TRANSITION), the time is valid and not before the last action, the actor
 * may do it (NOT_PERMITTED), then the action's own rules. Pure: `at` is the only clock, and
 * `calendar` decides what a day is. Deadlines in the result are recomputed from scratch.
 */
export function transition(
  state: PetitionCaseState,
  action: PetitionAction,
  actor: WorkflowActor,
  at: Date,
  calendar: DeadlineCalendar,
): TransitionResult {
  const rule: TransitionRule | undefined = Object.hasOwn(PETITION_TRANSITIONS, action?.type)
    ? PETITION_TRANSITIONS[action.type]
    : undefined;
  if (!rule) return fail('INVALID_INPUT', `未知的操作：${String(action?.type)}`);
  const label = PETITION_ACTION_LABELS[action.type];
  if (!rule.from.includes(state.status)) {
    return fail(
      'ILLEGAL_TRANSITION',
      `信访事项${PETITION_STATUS_LABELS[state.status]}，不能${label}`,
    );
  }
  if (!isInstant(at)) return fail('INVALID_INPUT', '操作时间无效');
  if (at.getTime() < state.updatedAt.getTime()) {
    return fail('INVALID_INPUT', `操作时间早于上一次操作（${state.updatedAt.toISOString()}）`);
  }
  if (!isPermitted(rule, state, action, actor)) {
    return fail('NOT_PERMITTED', `无权${label}：须由${whoMay(rule, state.status)}办理`);
  }
  // Each entry of APPLY takes its own action type; `action.type` picks the matching one.
  const apply = APPLY[action.type] as (ctx: Context<PetitionAction>) => Applied | TransitionFailure;
  const applied = apply({ state, action, at });
  if ('ok' in applied) return applied;
  const next: Omit<PetitionCaseState, 'deadlines'> = {
    ...state,
    ...applied.patch,
    status: rule.to ?? state.status,
    updatedAt: at,
  };
  const deadlines = computeDeadlines(next, calendar);
  return { ok: true, state: { ...next, deadlines }, deadlines, effects: applied.effects };
}
