import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiExceptionFilter } from '@minsheng/runtime';
import { RetryAfterException } from './integrator.errors.js';

/** Adds `Retry-After` and leaves the body to the common filter, so the error shape stays one. */
@Catch(RetryAfterException)
export class RetryAfterFilter implements ExceptionFilter {
  private readonly common = new ApiExceptionFilter();

  catch(exception: RetryAfterException, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    return this.common.catch(exception, host);
  }
}
