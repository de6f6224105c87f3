/** Stable error codes of the complaint-intake service, beside the shared `ErrorCodes`. */
export const IntakeErrorCodes = {
  /** `categoryCode` names no active category of the taxonomy. */
  unknownCategory: 'UNKNOWN_CATEGORY',
  /** A province or a city with counties: the complaint must name its county (or finer). */
  divisionTooCoarse: 'DIVISION_TOO_COARSE',
  /** Missing, wrong, expired or already used captcha answer. */
  captchaInvalid: 'CAPTCHA_INVALID',
  /** The file's content is not an allowed type (images, PDF, office documents). */
  attachmentTypeNotAllowed: 'ATTACHMENT_TYPE_NOT_ALLOWED',
  /** The file name's extension says one type and the content is another. */
  attachmentTypeMismatch: 'ATTACHMENT_TYPE_MISMATCH',
  /** One file, or all files together, over the size limit. */
  attachmentTooLarge: 'ATTACHMENT_TOO_LARGE',
  /** More files than allowed in one submission. */
  tooManyAttachments: 'TOO_MANY_ATTACHMENTS',
  /** A file name with a path, `..`, control or direction-override characters. */
  invalidFileName: 'INVALID_FILE_NAME',
  /** The multipart form is not laid out as documented (the `complaint` field first, then files). */
  invalidMultipart: 'INVALID_MULTIPART',
  /** The same Idempotency-Key was used with a different complaint. */
  idempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /** A request with this Idempotency-Key is still being processed. */
  idempotencyKeyInUse: 'IDEMPOTENCY_KEY_IN_USE',
  /** Rating or review requested before the complaint was replied to. */
  notReplied: 'NOT_REPLIED',
  /** The window for rating or requesting review has closed. */
  windowClosed: 'WINDOW_CLOSED',
  /** The complaint has already been rated. */
  alreadyRated: 'ALREADY_RATED',
  /** Review has already been requested for this complaint. */
  reviewAlreadyRequested: 'REVIEW_ALREADY_REQUESTED',
} as const;
export type IntakeErrorCode = (typeof IntakeErrorCodes)[keyof typeof IntakeErrorCodes];
