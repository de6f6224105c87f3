import type { LegalRoute, PetitionCaseState, PetitionStatus } from './petition-state.js';

/** The commands that move a case on; `registerPetition` creates it. */
export type PetitionAction =
  | {
      readonly type: 'transfer';
      readonly leadOrganId: string;
      readonly coHandlingOrganIds?: readonly string[];
    }
  | {
      readonly type: 'assign';
      readonly leadOrganId: string;
      readonly coHandlingOrganIds?: readonly string[];
      /** Days (deployment unit) the organ has to report the result back to the office. */
      readonly reportWithinDays: number;
    }
  | { readonly type: 'object'; readonly reason: string }
  | { readonly type: 'accept' }
  | { readonly type: 'decline'; readonly reason: string }
  | {
      readonly type: 'route-to-litigation';
      readonly legalRoute: LegalRoute;
      readonly reason: string;
    }
  | {
      readonly type: 'link-final-case';
      /** The final case with the same facts and reasons, or `null` to unlink. */
      readonly finalCase: Pick<PetitionCaseState, 'id' | 'status'> | null;
    }
  | { readonly type: 'request-extension'; readonly days: number; readonly reason: string }
  | { readonly type: 'approve-extension' }
  | { readonly type: 'reject-extension' }
  | { readonly type: 'reply' }
  | { readonly type: 'conclude' }
  | { readonly type: 'request-review'; readonly reviewOrganId: string }
  | { readonly type: 'decide-review' }
  | { readonly type: 'request-reexamination'; readonly reexaminationOrganId: string }
  | { readonly type: 'start-hearing' }
  | { readonly type: 'end-hearing' }
  | { readonly type: 'decide-reexamination' };

export type PetitionActionType = PetitionAction['type'];

/** The staff roles that act on cases (the same strings as the platform's `Role`). */
export type CaseRole = 'clerk' | 'handler' | 'leader';

/** Whose organ an acting staff member must belong to. */
export type ActingOrgan =
  /** The office that registered the case. */
  | 'registering'
  /** The lead organ; the registering one while the case is registered or returned. */
  | 'responsible'
  /** The review organ named in the request, or recorded on the case. */
  | 'review'
  /** The re-examination organ named in the request, or recorded on the case. */
  | 'reexamination';

export interface ActingParty {
  readonly role: CaseRole;
  readonly organ: ActingOrgan;
  /** Only from these statuses; from every `from` status when left out. */
  readonly onlyFrom?: readonly PetitionStatus[];
}

export interface TransitionRule {
  readonly from: readonly PetitionStatus[];
  /** `null`: the status does not change. */
  readonly to: PetitionStatus | null;
  /** Staff who may act (any one of them); the petitioner where `petitioner` is true. */
  readonly staff: readonly ActingParty[];
  readonly petitioner: boolean;
}

const UNROUTED: readonly PetitionStatus[] = ['registered', 'returned'];
const BEFORE_ACCEPTANCE: readonly PetitionStatus[] = [
  'registered',
  'returned',
  'transferred',
  'assigned',
];

const clerkOf = (organ: ActingOrgan): ActingParty => ({ role: 'clerk', organ });
const handlerOf = (organ: ActingOrgan): ActingParty => ({ role: 'handler', organ });

/** The whole state machine: for each action, where it may start, where it leads, who does it. */
export const PETITION_TRANSITIONS: Readonly<Record<PetitionActionType, TransitionRule>> = {
  transfer: {
    from: UNROUTED,
    to: 'transferred',
    staff: [clerkOf('registering')],
    petitioner: false,
  },
  assign: { from: UNROUTED, to: 'assigned', staff: [clerkOf('registering')], petitioner: false },
  object: {
    from: ['transferred', 'assigned'],
    to: 'returned',
    staff: [handlerOf('responsible')],
    petitioner: false,
  },
  accept: {
    from: BEFORE_ACCEPTANCE,
    to: 'accepted',
    staff: [handlerOf('responsible')],
    petitioner: false,
  },
  decline: {
    from: BEFORE_ACCEPTANCE,
    to: 'declined',
    staff: [handlerOf('responsible')],
    petitioner: false,
  },
  // Before routing the office's clerk may send it out as well.
  'route-to-litigation': {
    from: BEFORE_ACCEPTANCE,
    to: 'routed-to-litigation',
    staff: [{ ...clerkOf('registering'), onlyFrom: UNROUTED }, handlerOf('responsible')],
    petitioner: false,
  },
  'link-final-case': {
    from: BEFORE_ACCEPTANCE,
    to: null,
    staff: [clerkOf('registering'), handlerOf('responsible')],
    petitioner: false,
  },
  'request-extension': {
    from: ['accepted'],
    to: 'extension-requested',
    staff: [handlerOf('responsible')],
    petitioner: false,
  },
  'approve-extension': {
    from: ['extension-requested'],
    to: 'accepted',
    staff: [{ role: 'leader', organ: 'responsible' }],
    petitioner: false,
  },
  'reject-extension': {
    from: ['extension-requested'],
    to: 'accepted',
    staff: [{ role: 'leader', organ: 'responsible' }],
    petitioner: false,
  },
  reply: {
    from: ['accepted', 'extension-requested'],
    to: 'replied',
    staff: [handlerOf('responsible')],
    petitioner: false,
  },
  conclude: {
    from: ['replied'],
    to: 'concluded',
    staff: [handlerOf('responsible')],
    petitioner: false,
  },
  // A clerk of the reviewing organ records a request made by letter or in person.
  'request-review': {
    from: ['replied', 'concluded'],
    to: 'under-review',
    staff: [clerkOf('review')],
    petitioner: true,
  },
  'decide-review': {
    from: ['under-review'],
    to: 'reviewed',
    staff: [handlerOf('review')],
    petitioner: false,
  },
  'request-reexamination': {
    from: ['reviewed'],
    to: 'under-reexamination',
    staff: [clerkOf('reexamination')],
    petitioner: true,
  },
  'start-hearing': {
    from: ['under-reexamination'],
    to: 'hearing',
    staff: [handlerOf('reexamination')],
    petitioner: false,
  },
  'end-hearing': {
    from: ['hearing'],
    to: 'under-reexamination',
    staff: [handlerOf('reexamination')],
    petitioner: false,
  },
  'decide-reexamination': {
    from: ['under-reexamination'],
    to: 'final',
    staff: [handlerOf('reexamination')],
    petitioner: false,
  },
};

export const PETITION_ACTION_TYPES = Object.keys(PETITION_TRANSITIONS) as PetitionActionType[];

export const PETITION_ACTION_LABELS: Readonly<Record<PetitionActionType, string>> = {
  transfer: '转送',
  assign: '交办',
  object: '提出异议',
  accept: '受理',
  decline: '不予受理',
  'route-to-litigation': '导入诉讼、仲裁或行政复议途径',
  'link-final-case': '关联已终结事项',
  'request-extension': '申请延期',
  'approve-extension': '批准延期',
  'reject-extension': '不批准延期',
  reply: '答复',
  conclude: '办结',
  'request-review': '请求复查',
  'decide-review': '作出复查意见',
  'request-reexamination': '请求复核',
  'start-hearing': '开始听证',
  'end-hearing': '结束听证',
  'decide-reexamination': '作出复核意见',
};

/** The actions legal from a status, whoever asks. */
export function allowedActions(status: PetitionStatus): PetitionActionType[] {
  return PETITION_ACTION_TYPES.filter((type) => PETITION_TRANSITIONS[type].from.includes(status));
}
