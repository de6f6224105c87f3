import { ServiceUnavailableException } from '@nestjs/common';
import { ErrorCodes } from '@minsheng/contracts';

/**
 * A stream an envelope's effect publishes to (the next hop's outbound stream, or this service's
 * own event stream) did not take it: the batch is not recorded, and is redelivered — never
 * dead-lettered, as the envelope is not at fault.
 */
export class StreamUnavailableError extends ServiceUnavailableException {
  constructor(cause: unknown) {
    super(
      { code: ErrorCodes.serviceUnavailable, message: '交换暂时不可用，请稍后再试' },
      { cause },
    );
  }
}
