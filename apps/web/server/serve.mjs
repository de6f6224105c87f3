#!/usr/bin/env node
// The web app in production shape: the built files (apps/web/dist) with the single-page-app
// fallback, and every service's API proxied on the same origin (see routes.mjs), so the browser
// talks to one origin as it does behind the Ingress.
//   WEB_PORT (3100), WEB_HOST (127.0.0.1), <SERVICE>_PORT for each service.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import httpProxy from '@fastify/http-proxy';
import { apiRoutes } from './routes.mjs';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * @param {{ env?: Record<string, string | undefined>, root?: string, logger?: boolean }} options
 */
export async function createWebServer({ env = process.env, root = DIST, logger = false } = {}) {
  if (!existsSync(`${root}/index.html`)) {
    throw new Error(`${root}index.html is missing — build the app first (npx nx run web:build)`);
  }
  // The proxied bodies (attachments) are streamed, never parsed here.
  const app = Fastify({ logger, bodyLimit: 30 * 1024 * 1024, trustProxy: false });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    // Hashed build assets never change; the page itself is always revalidated.
    if (request.url.startsWith('/assets/')) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    } else if (!request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-cache');
    }
  });
  // The bundle is text: gzip cuts what a phone downloads by about three quarters.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['gzip'] });
  for (const route of apiRoutes(env)) {
    await app.register(httpProxy, {
      upstream: route.upstream,
      prefix: route.prefix,
      rewritePrefix: route.rewritePrefix,
      // The services see the browser's address (rate limits per client), not the proxy's.
      replyOptions: {
        rewriteRequestHeaders: (request, headers) => ({
          ...headers,
          'x-forwarded-for': request.ip,
          'x-forwarded-proto': request.protocol,
        }),
        // A service that is down is the gateway's problem to name, in the platform's error shape.
        onError: (reply, { error }) =>
          reply.code(502).send({
            code: 'SERVICE_UNAVAILABLE',
            message: `服务暂不可用 (${error.code ?? error.message})`,
          }),
      },
    });
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    cacheControl: false,
  });
  app.get('/healthz', async (_request, reply) => reply.type('text/plain').send('ok\n'));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (request.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/assets/')) {
      return reply.code(404).send({ code: 'NOT_FOUND', message: 'Not found' });
    }
    return reply.sendFile('index.html');
  });
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.WEB_PORT ?? 3100);
  const host = process.env.WEB_HOST ?? '127.0.0.1';
  const app = await createWebServer();
  await app.listen({ port, host });
  process.stdout.write(`web: http://${host}:${port}\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
