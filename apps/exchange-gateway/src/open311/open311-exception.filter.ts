import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse } from '@minsheng/contracts';
import { RetryAfterException } from '../integrator/integrator.errors.js';
import { contentTypeOf, formatOf, renderErrors } from './open311-format.js';
import { open311Fields } from './open311-request.mapper.js';

/**
 * Errors in GeoReport v2's own shape and the request's format. Open311's `code` is the HTTP
 * status, so the stable code leads the description (`UNKNOWN_CATEGORY: …`).
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(Open311ExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const file = request.url.split('?')[0].split('/').pop() ?? '';
    const format = formatOf(file)?.format ?? 'json';
    let status = 500;
    let description = 'INTERNAL_ERROR: 服务器内部错误';
    if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse() as Partial<ErrorResponse> | string;
      if (typeof body === 'object' && body.code) {
        const fields = open311Fields(body.fields);
        description = `${body.code}: ${body.message ?? ''}${fields ? ` (${fields})` : ''}`;
      } else {
        description = `HTTP_${status}: ${exception.message}`;
      }
      if (exception instanceof RetryAfterException) {
        void reply.header(
          'retry-after',
          String(Math.max(1, Math.ceil(exception.retryAfterSeconds))),
        );
      }
    } else {
      this.logger.error({ err: exception }, 'unhandled error in an Open311 handler');
    }
    void reply
      .status(status)
      .header('content-type', contentTypeOf(format))
      .send(renderErrors(format, status, description));
  }
}
