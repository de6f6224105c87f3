import 'reflect-metadata';
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import {
  Logger as NestLogger,
  type DynamicModule,
  type INestApplication,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { ErrorCodes, MessageHeaders } from '@minsheng/contracts';
import { NamespacedNatsServer } from '@minsheng/messaging';
import {
  instrumentHttp,
  logHttpRequests,
  requestContext,
  rootLogger,
} from '@minsheng/observability';
import { ApiExceptionFilter } from './api-exception.filter.js';

export interface ServiceBootstrapOptions {
  service: string;
  title: string;
  description: string;
  port: number;
  host: string;
  natsServers: string[];
  natsTls?: { caFile?: string; certFile?: string; keyFile?: string };
  namespace: string;
  bodyLimitBytes: number;
  /** How long in-flight work may take to finish after SIGTERM before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** Load shedding: past these, requests are refused with 503 and Retry-After (0 = that check off). */
  overload?: { maxEventLoopDelayMs: number; maxRssBytes: number };
  /** Off in in-process tests, which close the app themselves. */
  handleSignals?: boolean;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses, CIDRs, or `loopback`/`uniquelocal`);
   * anything else would let a client choose the address that rate limits and audit records see.
   */
  trustedProxies: string;
}

/**
 * Starts one hybrid service: Fastify HTTP (request ids, one error shape, OpenAPI at /api/docs)
 * plus a NATS microservice whose queue group is the service name. SIGTERM stops intake first,
 * lets in-flight work finish, then closes connections.
 */
export async function bootstrapService(
  appModule: Type<unknown> | DynamicModule,
  options: ServiceBootstrapOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes,
    requestIdHeader: MessageHeaders.requestId,
    genReqId: () => randomUUID(),
    trustProxy: options.trustedProxies,
  });
  // Nest's own body parsers are off: only Fastify's JSON parser remains, so any other content type
  // is refused with 415 before it reaches a handler.
  const app = await NestFactory.create<NestFastifyApplication>(appModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.useGlobalFilters(new ApiExceptionFilter());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser(['text/plain', 'application/json']);
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes },
    (_request, body: Buffer, done) => {
      try {
        done(null, parseJsonBody(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  instrumentHttp(fastify, options.service);
  const logger = rootLogger();
  logHttpRequests(fastify, logger);
  if (options.overload) await shedLoad(fastify, options.overload, logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    const requestId = String(request.id);
    const correlation = request.headers[MessageHeaders.correlationId];
    void reply.header(MessageHeaders.requestId, requestId);
    requestContext.run(
      {
        requestId,
        correlationId: typeof correlation === 'string' && correlation ? correlation : requestId,
      },
      done,
    );
  });

  setupOpenApi(app, options);

  app.connectMicroservice(
    {
      strategy: new NamespacedNatsServer(
        {
          servers: options.natsServers,
          ...(options.natsTls ? { tls: options.natsTls } : {}),
          queue: options.service,
          name: `${options.service}-rpc`,
          gracefulShutdown: true,
          gracePeriod: 1_000,
        },
        options.namespace,
      ),
    },
    { inheritAppConfig: true },
  );
  if (options.handleSignals !== false) closeOnSignals(app, options.shutdownTimeoutMs);

  await app.startAllMicroservices();
  await app.listen({ port: options.port, host: options.host });
  return app;
}

/**
 * Under overload (the event loop lagging, or memory past its cap) a request is refused at once
 * with 503 and Retry-After instead of queueing: the process keeps its memory and answers again
 * when the pressure is gone, rather than slowing down until it dies. Refusals are logged at most
 * once per {@link OVERLOAD_LOG_INTERVAL_MS} with how many there were since the last line — a line
 * per refused request would add to the load being shed.
 */
export async function shedLoad(
  fastify: FastifyInstance,
  { maxEventLoopDelayMs, maxRssBytes }: { maxEventLoopDelayMs: number; maxRssBytes: number },
  logger?: { warn(fields: object, message: string): void },
): Promise<void> {
  if (maxEventLoopDelayMs <= 0 && maxRssBytes <= 0) return;
  let refused = 0;
  let loggedAt = Number.NEGATIVE_INFINITY;
  await fastify.register(underPressure, {
    maxEventLoopDelay: maxEventLoopDelayMs,
    maxRssBytes,
    // Sampled four times a second: a burst is noticed before it queues thousands of requests.
    sampleInterval: 250,
    retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
    pressureHandler: (request, reply, type, value) => {
      void reply
        .status(503)
        .header('retry-after', String(OVERLOAD_RETRY_AFTER_SECONDS))
        .header('content-type', 'application/json; charset=utf-8')
        .send({
          code: ErrorCodes.serviceUnavailable,
          message: '服务繁忙，请稍后再试',
          requestId: String(request.id),
        });
      refused++;
      const now = Date.now();
      if (logger && now - loggedAt >= OVERLOAD_LOG_INTERVAL_MS) {
        logger.warn({ pressure: type, value, refused }, 'requests refused under overload');
        refused = 0;
        loggedAt = now;
      }
    },
  });
}

const OVERLOAD_RETRY_AFTER_SECONDS = 5;
const OVERLOAD_LOG_INTERVAL_MS = 5_000;

/**
 * Strict JSON: refuses invalid UTF-8 (rather than silently storing U+FFFD), prototype-poisoning
 * keys and an empty body — all as MALFORMED_JSON.
 */
function parseJsonBody(body: Buffer): unknown {
  const malformed = (message: string) =>
    Object.assign(new Error(message), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
  if (body.length === 0) throw malformed('empty body');
  if (!isUtf8(body)) throw malformed('body is not valid UTF-8');
  try {
    return secureJson.parse(body.toString('utf8'), undefined, {
      protoAction: 'error',
      constructorAction: 'error',
    });
  } catch {
    throw malformed('body is not valid JSON');
  }
}

function setupOpenApi(app: INestApplication, options: ServiceBootstrapOptions): void {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setOpenAPIVersion('3.1.0')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs.json' });
}

/**
 * On SIGTERM/SIGINT: readiness turns to draining, HTTP stops accepting and finishes in-flight
 * requests, NATS subscriptions, consumers and the outbox relay stop after their current message,
 * connections close — then exit 0. A shutdown that hangs past the timeout exits 1.
 */
function closeOnSignals(app: NestFastifyApplication, timeoutMs: number): void {
  const logger = new NestLogger('Shutdown');
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown timed out');
      process.exit(1);
    }, timeoutMs).unref();
    // In-flight requests get half the budget; then connections a client keeps open (an unread
    // response body, a stuck keep-alive) are cut, or HTTP close would wait for them forever.
    setTimeout(() => {
      const server = app.getHttpServer() as { closeAllConnections?: () => void };
      server.closeAllConnections?.();
    }, timeoutMs / 2).unref();
    await app.close();
    logger.log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void close(signal));
  process.once('SIGINT', (signal) => void close(signal));
}
