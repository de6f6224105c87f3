import { RequestMethod, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { REDACTED_LOG_PATHS, redactLogFields, redactSensitiveText } from './redaction.js';
import { requestContext } from './request-context.js';

export interface LoggingOptions {
  service: string;
  level: string;
}

const QUIET_ROUTES = /^\/(metrics|health\/)/;

/** Structured JSON logs (pino) with request ids and personal data redacted. */
export function loggingModule({ service, level }: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_LOG_PATHS, censor: '[REDACTED]' },
      // Fastify assigns the id (from x-request-id or a new UUID); pino-http reuses it.
      genReqId: (req: IncomingMessage & { id?: string }) => String(req.id ?? ''),
      autoLogging: {
        ignore: (req: IncomingMessage & { originalUrl?: string }) =>
          QUIET_ROUTES.test(req.originalUrl ?? req.url ?? ''),
      },
      mixin: () => {
        const ctx = requestContext.current();
        return ctx ? { requestId: ctx.requestId, correlationId: ctx.correlationId } : {};
      },
      formatters: { log: redactLogFields },
      hooks: {
        logMethod(args: unknown[], method: (...a: unknown[]) => void) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? redactSensitiveText(a) : a)),
          );
        },
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactSensitiveText(req.url.replace(/([?&]queryCode=)[^&]*/g, '$1[REDACTED]')),
        }),
        // The status is what a request line needs; response headers only add bytes to redact.
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
  });
}
