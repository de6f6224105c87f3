import type { FastifyInstance } from 'fastify';
import { Histogram, collectDefaultMetrics, register } from 'prom-client';
import { sharedMetric } from './shared-metric.js';

let defaultsCollected = false;

/** Process metrics plus a request-duration histogram labelled by route, not raw URL. */
export function instrumentHttp(fastify: FastifyInstance, service: string): void {
  if (!defaultsCollected) {
    register.setDefaultLabels({ service });
    collectDefaultMetrics();
    defaultsCollected = true;
  }
  const histogram = sharedMetric(
    'http_request_duration_seconds',
    () =>
      new Histogram({
        name: 'http_request_duration_seconds',
        help: 'HTTP request duration by route and status',
        labelNames: ['method', 'route', 'status'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
  );
  fastify.addHook('onResponse', async (request, reply) => {
    histogram.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
