// Where each service's API is reached on the web app's origin. The same mapping as the Ingress
// and docker/web/api-routes.conf: /api/<service>/X → <service>:/api/X (so /api/petition/v1/cases
// reaches petition's /api/v1/cases), plus /api/<service>/health/… → <service>:/health/…,
// /.well-known/… → identity, and /exchange/…, /open311/… → exchange-gateway unchanged.

/** The services and the variables that move their ports (as tools/dev/workspace.mjs). */
export const API_SERVICES = [
  { name: 'identity', portVariable: 'IDENTITY_PORT', port: 3107 },
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT', port: 3101 },
  { name: 'petition', portVariable: 'PETITION_PORT', port: 3102 },
  { name: 'video-reception', portVariable: 'VIDEO_RECEPTION_PORT', port: 3103 },
  { name: 'statistics', portVariable: 'STATISTICS_PORT', port: 3104 },
  { name: 'leader-message', portVariable: 'LEADER_MESSAGE_PORT', port: 3105 },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT', port: 3106 },
];

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ prefix: string, upstream: string, rewritePrefix: string }[]} most specific first
 */
export function apiRoutes(env = process.env) {
  const host = env.API_HOST ?? '127.0.0.1';
  const routes = [];
  for (const service of API_SERVICES) {
    const upstream = `http://${host}:${Number(env[service.portVariable] ?? service.port)}`;
    routes.push({ prefix: `/api/${service.name}/health`, upstream, rewritePrefix: '/health' });
    routes.push({ prefix: `/api/${service.name}`, upstream, rewritePrefix: '/api' });
    if (service.name === 'identity') {
      routes.push({ prefix: '/.well-known', upstream, rewritePrefix: '/.well-known' });
    }
    // The integrator API and Open311 keep their own paths (their clients sign them as written).
    if (service.name === 'exchange-gateway') {
      routes.push({ prefix: '/exchange', upstream, rewritePrefix: '/exchange' });
      routes.push({ prefix: '/open311', upstream, rewritePrefix: '/open311' });
    }
  }
  return routes;
}
