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
