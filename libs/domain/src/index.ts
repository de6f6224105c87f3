export type { Division, DivisionTier } from './division/division-code.js';
export {
  InvalidDivisionCodeError,
  childDivisions,
  divisionTier,
  findDivision,
  isKnownDivision,
  isWithinJurisdiction,
  parentDivisionCode,
} from './division/division-code.js';
export { DIVISION_TABLE } from './division/division-table.generated.js';
export type {
  InvalidResidentIdNumber,
  ResidentIdInvalidReason,
  ResidentIdSex,
  ResidentIdValidationResult,
  ValidResidentIdNumber,
} from './identity/resident-id-number.js';
export {
  isMainlandMobileNumber,
  maskPhoneNumber,
  maskResidentIdNumber,
  residentIdCheckCharacter,
  validateResidentIdNumber,
} from './identity/resident-id-number.js';
export type { CalendarOverrides } from './calendar/calendar-overrides.js';
export {
  InvalidCalendarOverridesError,
  parseCalendarOverrides,
} from './calendar/calendar-overrides.js';
export { chinaDateOf } from './calendar/china-day.js';
export type { DayCountMode, DeadlineCalendarOptions } from './calendar/deadline-calendar.js';
export { DAY_COUNT_MODES, DeadlineCalendar } from './calendar/deadline-calendar.js';
export type {
  DeadlineKind,
  ExtensionRequest,
  GrantedExtension,
  HearingPause,
  LegalRoute,
  Objection,
  PetitionCaseState,
  PetitionDeadlines,
  PetitionStatus,
} from './petition-workflow/petition-state.js';
export {
  DEADLINE_LABELS,
  LEGAL_ROUTES,
  PETITION_STATUSES,
  PETITION_STATUS_LABELS,
  STATUTORY_PERIODS,
  TERMINAL_PETITION_STATUSES,
} from './petition-workflow/petition-state.js';
export type {
  ActingOrgan,
  ActingParty,
  CaseRole,
  PetitionAction,
  PetitionActionType,
  TransitionRule,
} from './petition-workflow/petition-actions.js';
export {
  PETITION_ACTION_LABELS,
  PETITION_ACTION_TYPES,
  PETITION_TRANSITIONS,
  allowedActions,
} from './petition-workflow/petition-actions.js';
export type { CurrentDeadline, DeadlineInputs } from './petition-workflow/petition-deadlines.js';
export { computeDeadlines, currentDeadline } from './petition-workflow/petition-deadlines.js';
export type {
  PetitionerActor,
  PetitionerNotice,
  RegisterPetitionInput,
  StaffActor,
  SystemActor,
  TransitionErrorCode,
  TransitionFailure,
  TransitionResult,
  TransitionSuccess,
  WorkflowActor,
  WorkflowEffect,
} from './petition-workflow/petition-workflow.js';
export { registerPetition, transition } from './petition-workflow/petition-workflow.js';
export * from './category/standard-taxonomy.js';
