/**
 * Stable error codes of the petition service, beside the shared `ErrorCodes`. The workflow's own
 * refusals carry the domain's codes (`TransitionErrorCode` in `@minsheng/domain`) unchanged.
 */
export const PetitionErrorCodes = {
  /** The action is not possible from the case's status (409). */
  illegalTransition: 'ILLEGAL_TRANSITION',
  /** Wrong role, or not of the organ that has to act (403). */
  notPermitted: 'NOT_PERMITTED',
  /** A period the act must fall within has run out (409). */
  deadlinePassed: 'DEADLINE_PASSED',
  /** The one extension has been used (409). */
  extensionAlreadyUsed: 'EXTENSION_ALREADY_USED',
  /** More than 30 days asked for (409). */
  extensionTooLong: 'EXTENSION_TOO_LONG',
  /** Same facts and reasons as a final case (409). */
  notAcceptedAgain: 'NOT_ACCEPTED_AGAIN',
  /** A reason is required for this action (400). */
  reasonRequired: 'REASON_REQUIRED',
  /** A malformed action (400). */
  invalidInput: 'INVALID_INPUT',
  /** An organ id that names no organ of this instance (400). */
  unknownOrgan: 'UNKNOWN_ORGAN',
  /** The organ has been deactivated (400). */
  organInactive: 'ORGAN_INACTIVE',
  /** The caller's token names no organ, and the request needs one (400). */
  organRequired: 'ORGAN_REQUIRED',
  /** Another organ already has this id (409). */
  organIdTaken: 'ORGAN_ID_TAKEN',
  /** Moving the organ there would make it its own ancestor, or leave its division (400). */
  invalidOrganParent: 'INVALID_ORGAN_PARENT',
  /** An organ with active child organs cannot be deactivated (409). */
  organHasActiveChildren: 'ORGAN_HAS_ACTIVE_CHILDREN',
  /** The case is not linked as a repeat, so there is nothing to confirm or unlink (409). */
  notARepeat: 'NOT_A_REPEAT',
  /** The supervision order has been replied to, or the instruction completed (409). */
  alreadyClosed: 'ALREADY_CLOSED',
  /** The supervision order has already been escalated (挂牌) (409). */
  alreadyEscalated: 'ALREADY_ESCALATED',
  /** A malformed worklist cursor (400). */
  invalidCursor: 'INVALID_CURSOR',
} as const;
export type PetitionErrorCode = (typeof PetitionErrorCodes)[keyof typeof PetitionErrorCodes];
