export const LeaderMessageErrorCodes = {
  invalidMessageState: 'INVALID_MESSAGE_STATE',
  boardAlreadyConfigured: 'BOARD_ALREADY_CONFIGURED',
  replyContainsPersonalData: 'REPLY_CONTAINS_PERSONAL_DATA',
  notLeadOrgan: 'NOT_LEAD_ORGAN',
  invalidImport: 'INVALID_IMPORT',
} as const;
export type LeaderMessageErrorCode =
  (typeof LeaderMessageErrorCodes)[keyof typeof LeaderMessageErrorCodes];
