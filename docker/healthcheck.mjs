// The image's HEALTHCHECK: GET /health/live on the service's own port (node is the only tool in
// the image that speaks HTTP). The port comes from the service's port variable (PETITION_PORT …,
// TEXT_ANALYSER_PORT), else its default. Every service serves /health/live, the text-analyser too.
const DEFAULT_PORTS = {
  identity: 3107,
  'complaint-intake': 3101,
  petition: 3102,
  'video-reception': 3103,
  statistics: 3104,
  'leader-message': 3105,
  'exchange-gateway': 3106,
  'text-analyser': 3108,
};

const app = process.env.APP ?? '';
const variable = `${app.toUpperCase().replace(/-/g, '_')}_PORT`;
const port = Number(process.env[variable] ?? DEFAULT_PORTS[app]);
if (!Number.isInteger(port) || port <= 0) {
  process.stderr.write(`healthcheck: no port for APP=${app}\n`);
  process.exit(1);
}

try {
  const response = await fetch(`http://127.0.0.1:${port}/health/live`, {
    signal: AbortSignal.timeout(2_000),
  });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
