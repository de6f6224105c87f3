export const LeaderMessageErrorCodes = {
  invalidMessageState: 'INVALID_MESSAGE_STATE',
  boardAlreadyConfigured: 'BOARD_ALREADY_CONFIGURED',
  replyContainsPersonalData: 'REPLY_CONTAINS_PERSONAL_DATA',
  notLeadOrgan: 'NOT_LEAD_ORGAN',
  /** The caller's organ is neither the lead organ nor a co-organ of the message. */
  notAssignedOrgan: 'NOT_ASSIGNED_ORGAN',
  /** 会办: an organ of the message has not given its input yet, so no reply can be drafted. */
  organInputMissing: 'ORGAN_INPUT_MISSING',
  extensionAlreadyRequested: 'EXTENSION_ALREADY_REQUESTED',
  noPendingExtension: 'NO_PENDING_EXTENSION',
  /** Publication is confirmed by hand only for boards worked through their back office. */
  boardPublishesItself: 'BOARD_PUBLISHES_ITSELF',
  /** The uploaded export has rows at fault (listed in `fields`): nothing was stored. */
  invalidImport: 'INVALID_IMPORT',
  invalidCursor: 'INVALID_CURSOR',
} as const;
export type LeaderMessageErrorCode =
  (typeof LeaderMessageErrorCodes)[keyof typeof LeaderMessageErrorCodes];

/** Why one field of one row of an uploaded board export was refused. */
export const ImportFieldCodes = {
  missingColumn: 'MISSING_COLUMN',
  malformedCsv: 'MALFORMED_CSV',
  /** The upload looks like an Excel workbook but cannot be read as one. */
  malformedWorkbook: 'MALFORMED_WORKBOOK',
  required: 'REQUIRED',
  tooLong: 'TOO_LONG',
  unknownType: 'UNKNOWN_MESSAGE_TYPE',
  invalidDate: 'INVALID_DATE',
  invalidPhone: 'INVALID_PHONE',
  invalidRating: 'INVALID_RATING',
  /** Control characters (NUL and the like) that no board text carries. */
  invalidCharacter: 'INVALID_CHARACTER',
  noRows: 'NO_ROWS',
  tooManyRows: 'TOO_MANY_ROWS',
} as const;
export type ImportFieldCode = (typeof ImportFieldCodes)[keyof typeof ImportFieldCodes];
