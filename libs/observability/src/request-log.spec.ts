import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { pinoHttp } from 'pino-http';
import { pinoOptions } from './logger.module.js';
import { logHttpRequests } from './request-log.js';

/**
 * A logger made as the services' is (nestjs-pino's pino-http instance, which wraps the
 * serializers), writing into an array of parsed lines.
 */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pinoHttp(pinoOptions({ service: 'test', level: 'info' }), sink).logger, lines };
}

/** A Fastify app that logs its requests through {@link capturingLogger}. */
function appWithLog(): { app: FastifyInstance; lines: Record<string, unknown>[] } {
  const { logger, lines } = capturingLogger();
  const app = Fastify();
  logHttpRequests(app, logger);
  app.get('/api/v1/complaints/:code', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('broken');
  });
  app.get('/health/ready', async () => ({ status: 'ok' }));
  app.get('/metrics', async () => '');
  return { app, lines };
}

describe('logHttpRequests', () => {
  it('writes one line per request with id, method, status and time, the query code redacted', async () => {
    const { app, lines } = appWithLog();
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/complaints/TC123?queryCode=secret-code',
      headers: { 'x-request-id': 'r-1' },
    });
    expect(response.statusCode).toBe(200);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      service: 'test',
      msg: 'request completed',
      req: { method: 'GET', url: '/api/v1/complaints/TC123?queryCode=[REDACTED]' },
      res: { statusCode: 200 },
    });
    expect(typeof (lines[0].req as { id: unknown }).id).toBe('string');
    expect(lines[0].responseTime).toEqual(expect.any(Number));
    expect(JSON.stringify(lines)).not.toContain('secret-code');
    await app.close();
  });

  it('logs a server error at level error as "request errored"', async () => {
    const { app, lines } = appWithLog();
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    const line = lines.find((l) => l.msg === 'request errored');
    expect(line).toMatchObject({ level: 50, res: { statusCode: 500 } });
    await app.close();
  });

  it('does not log health probes or metrics scrapes', async () => {
    const { app, lines } = appWithLog();
    await app.inject({ method: 'GET', url: '/health/ready' });
    await app.inject({ method: 'GET', url: '/metrics' });
    expect(lines).toEqual([]);
    await app.close();
  });

  it('keeps personal fields out of other lines of the same logger', () => {
    const { logger, lines } = capturingLogger();
    logger.info({ petitioner: { idNumber: '510104199003071237' }, note: '电话 13800138000' }, 'x');
    expect(lines[0]).toMatchObject({ petitioner: '[REDACTED]', note: '电话 [REDACTED_PHONE]' });
  });

  it('masks personal data that appears in the URL', async () => {
    const { app, lines } = appWithLog();
    await app.inject({ method: 'GET', url: '/api/v1/complaints/x?phone=13800138000' });
    expect(lines[0].req).toMatchObject({ url: '/api/v1/complaints/x?phone=[REDACTED_PHONE]' });
    await app.close();
  });
});
