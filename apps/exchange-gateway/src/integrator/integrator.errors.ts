import { HttpException } from '@nestjs/common';
import type { ErrorResponse, FieldError, IntegratorErrorCode } from '@minsheng/contracts';

/** An integrator API refusal in the common error shape, with its stable code. */
export function integratorError(
  status: number,
  code: IntegratorErrorCode | string,
  message: string,
  fields?: FieldError[],
): HttpException {
  const body: ErrorResponse = { code, message, ...(fields ? { fields } : {}) };
  return new HttpException(body, status);
}

/** A refusal the client may retry after a while; the filter sends `Retry-After`. */
export class RetryAfterException extends HttpException {
  constructor(
    status: number,
    body: ErrorResponse,
    readonly retryAfterSeconds: number,
  ) {
    super(body, status);
  }
}
