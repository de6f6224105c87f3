import type { DynamicModule } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';
import { stdoutLogDestination } from './log-destination.js';
import { redactLogFields, redactSensitiveText } from './redaction.js';
import { requestContext } from './request-context.js';

export interface LoggingOptions {
  service: string;
  level: string;
}

/** Structured JSON logs (pino) with request ids and personal data redacted. */
export function loggingModule(options: LoggingOptions): DynamicModule {
  return LoggerModule.forRoot({
    // No HTTP middleware: requests are logged by a Fastify hook (logHttpRequests), and the request
    // and correlation ids reach every line through the options' mixin.
    forRoutes: [],
    pinoHttp: [pinoOptions(options), stdoutLogDestination()],
  });
}

/** A value as a serializer receives it: itself, or pino-http's form of it with itself as `raw`. */
type Logged<T> = T & { raw?: T };

/** The pino settings of every service. */
export function pinoOptions({ service, level }: LoggingOptions): LoggerOptions {
  return {
    level,
    base: { service },
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
    // pino-http (under nestjs-pino) hands these serializers its own standard form of the value,
    // with what was logged under `raw`: its form of a response has `statusCode: null` unless
    // `headersSent`, so the fields are read from `raw` where there is one.
    serializers: {
      // The request line's fields (see logHttpRequests), and any line that logs a request.
      req: (logged: Logged<{ id: string; method: string; url: string }>) => {
        const req = logged.raw ?? logged;
        return {
          id: req.id,
          method: req.method,
          url: redactSensitiveText(req.url.replace(/([?&]queryCode=)[^&]*/g, '$1[REDACTED]')),
        };
      },
      // The status is what a request line needs; response headers only add bytes to redact.
      res: (logged: Logged<{ statusCode: number }>) => ({
        statusCode: (logged.raw ?? logged).statusCode,
      }),
    },
  };
}

/** The application's pino logger, once the logging module has been instantiated. */
export function rootLogger(): typeof PinoLogger.root {
  const root = PinoLogger.root;
  if (!root) throw new Error('the logging module has not been instantiated yet');
  return root;
}
