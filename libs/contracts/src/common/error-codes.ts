/** Stable machine-readable error codes shared by every HTTP API. */
export const ErrorCodes = {
  validationFailed: 'VALIDATION_FAILED',
  malformedJson: 'MALFORMED_JSON',
  payloadTooLarge: 'PAYLOAD_TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  invalidIdNumber: 'INVALID_ID_NUMBER',
  unknownDivision: 'UNKNOWN_DIVISION',
  notFound: 'NOT_FOUND',
  unauthenticated: 'UNAUTHENTICATED',
  forbidden: 'FORBIDDEN',
  tooManyRequests: 'TOO_MANY_REQUESTS',
  /** Overloaded, or a dependency (the database) unreachable: retry later. */
  serviceUnavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** The body of every 4xx/5xx response. */
export interface ErrorResponse {
  code: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}
