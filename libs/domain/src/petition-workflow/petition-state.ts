/**
 * The petition case (信访事项) as the workflow sees it: its status and everything the statutory
 * rules need. Timestamps are instants; deadlines are derived from them (`computeDeadlines`).
 */

/**
 * Every status a petition case can be in:
 *
 * - `registered`           登记: recorded by the registering organ, to be routed (or handled there) within 15 days.
 * - `transferred`          转送: sent to the organ with authority, which must decide on acceptance within 15 days.
 * - `assigned`             交办: like transferred, plus a deadline for reporting the result back to the office.
 * - `returned`             异议退回: the receiving organ objected it is not responsible; the office re-routes it.
 * - `accepted`             受理: the responsible organ is handling it, to conclude within 60 days.
 * - `extension-requested`  延期申请: the handler asked for the one extension; the organ head has to approve.
 * - `declined`             不予受理: refused with a written notice. Terminal.
 * - `routed-to-litigation` 诉访分离: belongs to litigation, arbitration or administrative reconsideration. Terminal.
 * - `replied`              答复: the written handling opinion (处理意见) has been given.
 * - `concluded`            办结: the organ closed the matter; review may still be requested within 30 days of the reply.
 * - `under-review`         复查: the next-higher organ is reviewing the opinion, to decide within 30 days.
 * - `reviewed`             复查意见: review decided; re-examination may be requested within 30 days.
 * - `under-reexamination`  复核: the organ above the reviewing one re-examines, to decide within 30 days.
 * - `hearing`              听证: a hearing in the re-examination; its days are not counted.
 * - `final`                终结: re-examined; the same facts and reasons are not accepted again. Terminal.
 */
export const PETITION_STATUSES = [
  'registered',
  'transferred',
  'assigned',
  'returned',
  'accepted',
  'extension-requested',
  'declined',
  'routed-to-litigation',
  'replied',
  'concluded',
  'under-review',
  'reviewed',
  'under-reexamination',
  'hearing',
  'final',
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const PETITION_STATUS_LABELS: Readonly<Record<PetitionStatus, string>> = {
  registered: '已登记',
  transferred: '已转送',
  assigned: '已交办',
  returned: '已退回',
  accepted: '已受理',
  'extension-requested': '延期待批',
  declined: '不予受理',
  'routed-to-litigation': '已导入法定途径',
  replied: '已答复',
  concluded: '已办结',
  'under-review': '复查中',
  reviewed: '已复查',
  'under-reexamination': '复核中',
  hearing: '听证中',
  final: '已终结',
};

/** Statuses from which no action is possible. */
export const TERMINAL_PETITION_STATUSES: readonly PetitionStatus[] = [
  'declined',
  'routed-to-litigation',
  'final',
];

/** Statutory periods, in the deployment's day unit unless the name says working days. */
export const STATUTORY_PERIODS = {
  /** The office routes (or handles) a registered matter within 15 days. */
  routeDays: 15,
  /** The organ tells the petitioner within 15 days of receipt whether it accepts. */
  acceptDays: 15,
  /** The receiving organ may object it is not responsible within 5 working days. */
  objectWorkingDays: 5,
  /** An accepted matter is concluded within 60 days. */
  concludeDays: 60,
  /** … extendable once by at most 30 days. */
  maxExtensionDays: 30,
  /** Review is requested within 30 days of the written reply … */
  reviewRequestDays: 30,
  /** … and decided within 30 days. */
  reviewDecideDays: 30,
  /** Re-examination is requested within 30 days of the review decision … */
  reexaminationRequestDays: 30,
  /** … and decided within 30 days, a hearing's days not counted. */
  reexaminationDecideDays: 30,
} as const;

/** The routes a matter can be sent down instead of the petition channel (诉访分离). */
export const LEGAL_ROUTES = [
  'litigation',
  'arbitration',
  'administrative-reconsideration',
] as const;
export type LegalRoute = (typeof LEGAL_ROUTES)[number];

/**
 * Every statutory deadline of a case; `null` while the event it runs from has not happened.
 * Each is the end of a China day (see `DeadlineCalendar.addDays`); kept after it stops
 * mattering, so reports can tell whether the act was on time.
 */
export interface PetitionDeadlines {
  /** Registration + 15 days: route it (transfer, assign) or handle it here. */
  readonly routeBy: Date;
  /** Receipt by the organ (registration when handled here) + 15 days: accept or decline. */
  readonly acceptBy: Date;
  /** Receipt by the organ + 5 working days: last moment to object. */
  readonly objectBy: Date | null;
  /** Assignment + the days the office set: the result report (办结报告) is due. */
  readonly reportBy: Date | null;
  /** Acceptance + 60 days (+ the extension): reply and conclude. */
  readonly concludeBy: Date | null;
  /** Reply + 30 days: last moment the petitioner can ask for review. */
  readonly reviewRequestBy: Date | null;
  /** Review request + 30 days: review decided. */
  readonly reviewDecideBy: Date | null;
  /** Review decision + 30 days: last moment to ask for re-examination. */
  readonly reexaminationRequestBy: Date | null;
  /** Re-examination request + 30 days + the days of finished hearings: re-examination decided. */
  readonly reexaminationDecideBy: Date | null;
}
export type DeadlineKind = keyof PetitionDeadlines;

export const DEADLINE_LABELS: Readonly<Record<DeadlineKind, string>> = {
  routeBy: '转送交办期限',
  acceptBy: '受理告知期限',
  objectBy: '异议期限',
  reportBy: '办结报告期限',
  concludeBy: '办结期限',
  reviewRequestBy: '复查请求期限',
  reviewDecideBy: '复查期限',
  reexaminationRequestBy: '复核请求期限',
  reexaminationDecideBy: '复核期限',
};

export interface HearingPause {
  readonly start: Date;
  readonly end: Date;
}

export interface Objection {
  readonly organId: string;
  readonly at: Date;
  readonly reason: string;
}

export interface ExtensionRequest {
  /** In the deployment's day unit, 1 to 30. */
  readonly days: number;
  /** Told to the petitioner in the extension notice (延期告知书). */
  readonly reason: string;
  readonly requestedAt: Date;
}

export interface GrantedExtension extends ExtensionRequest {
  readonly approvedAt: Date;
}

export interface PetitionCaseState {
  readonly id: string;
  readonly status: PetitionStatus;
  /** GB/T 2260 code of the matter's locality (属地). */
  readonly divisionCode: string;
  /** The petition office (or organ) that registered the matter; its clerks route it. */
  readonly registeringOrganId: string;
  /** How the office routed it; `null` while unrouted or when handled where it was registered. */
  readonly routing: 'transfer' | 'assign' | null;
  /** Lead organ (主办): it objects, accepts, handles and replies. */
  readonly responsibleOrganId: string | null;
  /** Co-handling organs (协办): informed and contributing, but never acting on the case. */
  readonly coHandlingOrganIds: readonly string[];
  /** For an assignment: days the office gave for the result report. */
  readonly reportWithinDays: number | null;
  /** The next-higher organ that reviews (复查). */
  readonly reviewOrganId: string | null;
  /** The organ above the reviewing one that re-examines (复核). */
  readonly reexaminationOrganId: string | null;
  readonly registeredAt: Date;
  /** When the responsible organ received it by transfer or assignment. */
  readonly receivedByOrganAt: Date | null;
  readonly acceptedAt: Date | null;
  readonly repliedAt: Date | null;
  readonly concludedAt: Date | null;
  readonly reviewRequestedAt: Date | null;
  readonly reviewDecidedAt: Date | null;
  readonly reexaminationRequestedAt: Date | null;
  readonly reexaminationDecidedAt: Date | null;
  /** Start of the hearing in progress, while `status` is `hearing`. */
  readonly hearingStartedAt: Date | null;
  /** Finished hearings; their days are added to the re-examination deadline. */
  readonly hearingPauses: readonly HearingPause[];
  /** An extension asked for and awaiting the organ head. */
  readonly pendingExtension: ExtensionRequest | null;
  /** The one extension, once granted; never granted twice. */
  readonly extension: GrantedExtension | null;
  /** Every objection so far, oldest first. */
  readonly objections: readonly Objection[];
  /** Declined or routed out: when and why. */
  readonly closedAt: Date | null;
  readonly closingReason: string | null;
  readonly legalRoute: LegalRoute | null;
  /** A final case with the same facts and reasons: this one may not be accepted (不再受理). */
  readonly sameFactsAsFinalCaseId: string | null;
  /** Instant of the last transition; a later one may not be earlier. */
  readonly updatedAt: Date;
  readonly deadlines: PetitionDeadlines;
}
