import type { z } from 'zod';
import type { MigrationInterface } from 'typeorm';
import { inventoryHandlers } from '@minsheng/auth';
import { describeInstanceCommand, type ServiceName } from '@minsheng/contracts';
import { CommandClient } from '@minsheng/messaging';
import type { ServiceDefinition } from '@minsheng/runtime';
import { InProcessService } from './in-process-service.js';

interface Schema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: Array<new () => MigrationInterface>;
}

/**
 * What every Minsheng service must do, whatever its features: report readiness of its
 * dependencies, serve metrics and OpenAPI, answer errors in the common shape, and serve NATS
 * commands only to authenticated callers. Each app's test suite calls this once.
 */
export function describeServiceConformance<S extends z.ZodRawShape>(
  definition: ServiceDefinition<S>,
  schema: Schema,
): void {
  describe(`${definition.service} conforms to the service baseline`, () => {
    let service: InProcessService;

    beforeAll(async () => {
      service = await InProcessService.start(definition, schema);
    });

    afterAll(async () => {
      await service?.stop();
    });

    it('reports Postgres, NATS/JetStream and Redis in its readiness', async () => {
      const response = await service.http.inject({ method: 'GET', url: '/health/ready' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        status: 'ready',
        checks: { postgres: { ok: true }, nats: { ok: true }, redis: { ok: true } },
      });
      expect((await service.http.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(
        200,
      );
    });

    it('serves Prometheus metrics labelled with its name, and its OpenAPI description', async () => {
      const metrics = await service.http.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toContain(`process_cpu_seconds_total{service="${definition.service}"}`);
      const docs = await service.http.inject({ method: 'GET', url: '/api/docs.json' });
      expect(docs.json()).toMatchObject({
        openapi: '3.1.0',
        info: { title: definition.title },
      });
    });

    it('answers an unknown route with the common error shape and its request id', async () => {
      const response = await service.http.inject({
        method: 'GET',
        url: '/no/such/route',
        headers: { 'x-request-id': 'trace-me-123' },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({
        code: 'NOT_FOUND',
        message: expect.any(String),
        requestId: 'trace-me-123',
      });
      expect(response.headers['x-request-id']).toBe('trace-me-123');
    });

    it('declares an access rule — public, or the roles allowed — on every route and handler', async () => {
      const withoutRule = inventoryHandlers(service.app).filter(
        (h) => !h.isPublic && !h.roles?.length,
      );
      expect(withoutRule.map((h) => `${h.route} (${h.handler})`)).toEqual([]);
    });

    it('answers its describe command to an authenticated caller only', async () => {
      const command = describeInstanceCommand(definition.service as ServiceName);
      const client = service.app.get(CommandClient);
      const token = await service.keys.token('system-admin', '510000');
      await expect(
        client.request(command, {}, { authorization: `Bearer ${token}` }),
      ).resolves.toMatchObject({
        service: definition.service,
      });
      await expect(client.request(command, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
}
