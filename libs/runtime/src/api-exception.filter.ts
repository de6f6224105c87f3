import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import { ErrorCodes, type ErrorResponse } from '@minsheng/contracts';
import { CommandUnavailableError } from '@minsheng/messaging';
import { GroupCommitWaitExceeded } from '@minsheng/persistence';

// For what Nest, Fastify or a library raised without this platform's body — an unknown route's
// "Cannot GET /x", a bare NotFoundException: the code and a fixed Chinese message for its status
// rather than the library's English text (which, for an unknown route, also echoes the URL and
// its query string).
const PAYLOAD_TOO_LARGE = { code: ErrorCodes.payloadTooLarge, message: '请求体过大' };
const UNSUPPORTED_MEDIA_TYPE = {
  code: ErrorCodes.unsupportedMediaType,
  message: '不支持的内容类型',
};
const BY_STATUS: Partial<Record<number, ErrorResponse>> = {
  400: { code: ErrorCodes.validationFailed, message: '请求参数有误' },
  401: { code: ErrorCodes.unauthenticated, message: '需要登录' },
  403: { code: ErrorCodes.forbidden, message: '无权执行此操作' },
  404: { code: ErrorCodes.notFound, message: '请求的接口或资源不存在' },
  405: { code: 'HTTP_405', message: '不支持该请求方法' },
  413: PAYLOAD_TOO_LARGE,
  415: UNSUPPORTED_MEDIA_TYPE,
  429: { code: ErrorCodes.tooManyRequests, message: '请求过于频繁，请稍后再试' },
};

const FASTIFY_CODES: Record<string, ErrorResponse> = {
  FST_ERR_CTP_BODY_TOO_LARGE: PAYLOAD_TOO_LARGE,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: ErrorCodes.validationFailed,
    message: '请求长度不正确',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: ErrorCodes.malformedJson, message: '请求体不是有效的 JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: ErrorCodes.malformedJson,
    message: '请求体不是有效的 JSON',
  },
};

// Postgres down, restarting or unreachable — or too contended to finish (a deadlock or
// serialization failure that outlived inTransaction's retries, a lock or statement timeout): the
// request may be retried, so 503 rather than 500.
const UNAVAILABLE_SQLSTATES = new Set([
  '40001',
  '40P01',
  '55P03',
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  // TypeORM, when the connection died under a transaction.
  'Query runner already released',
];

export function isDatabaseUnavailable(exception: unknown): boolean {
  for (
    let e = exception as { code?: unknown; message?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    // A write that waited its turn behind statements that did not come back.
    if (e instanceof GroupCommitWaitExceeded) return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NETWORK.has(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
    // TypeORM wraps driver errors: the driver's error is on `driverError`.
    const driver = (e as { driverError?: unknown }).driverError;
    if (driver && driver !== e && isDatabaseUnavailable(driver)) return true;
  }
  return false;
}

/**
 * Every HTTP error leaves in one shape — `{ code, message, fields?, requestId }` — whether it was
 * raised by a handler, a guard, Fastify's body parsing or a bug (500, logged, details withheld).
 * NATS command errors get the same `{ code, message }`.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    if (host.getType() === 'rpc') return throwError(() => this.toRpcError(exception));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { status, body } = this.toResponse(exception);
    body.requestId = String(request.id);
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /** NATS callers get `{ code, message }` as the reply's `err`, like HTTP callers get the body. */
  private toRpcError(exception: unknown): ErrorResponse {
    if (exception instanceof RpcException) {
      const error = exception.getError();
      return typeof error === 'object' && error && 'code' in error
        ? (error as ErrorResponse)
        : { code: ErrorCodes.validationFailed, message: String(error) };
    }
    if (exception instanceof HttpException) return this.toResponse(exception).body;
    this.logger.error({ err: exception }, 'unhandled error in a NATS handler');
    return { code: ErrorCodes.internal, message: '服务器内部错误' };
  }

  private toResponse(exception: unknown): { status: number; body: ErrorResponse } {
    // Fastify's own errors (body parsing, limits) reach filters wrapped, with the original as cause.
    const fastifyError = (exception instanceof HttpException ? exception.cause : exception) as
      { code?: string; statusCode?: number } | undefined;
    const known = fastifyError?.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (known) {
      const status =
        exception instanceof HttpException
          ? exception.getStatus()
          : (fastifyError?.statusCode ?? 400);
      return { status, body: { ...known } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'code' in response) {
        return { status, body: { ...(response as ErrorResponse) } };
      }
      // A copy: catch() adds the requestId to the body.
      return {
        status,
        body: { ...(BY_STATUS[status] ?? { code: `HTTP_${status}`, message: '请求无法处理' }) },
      };
    }
    // Another service of the instance not answering a command (its replicas restarting): retry.
    if (isDatabaseUnavailable(exception) || exception instanceof CommandUnavailableError) {
      this.logger.warn({ err: exception }, 'a dependency is unavailable');
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: { code: ErrorCodes.serviceUnavailable, message: '服务暂时不可用，请稍后再试' },
      };
    }
    this.logger.error({ err: exception }, 'unhandled error');
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: ErrorCodes.internal, message: '服务器内部错误' },
    };
  }
}
