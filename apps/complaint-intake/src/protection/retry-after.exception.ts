import { HttpException } from '@nestjs/common';
import type { ErrorResponse } from '@minsheng/contracts';

/** An HTTP error the client may retry after a while; the filter sends the `Retry-After` header. */
export class RetryAfterException extends HttpException {
  constructor(
    status: number,
    body: ErrorResponse,
    readonly retryAfterSeconds: number,
  ) {
    super(body, status);
  }
}
