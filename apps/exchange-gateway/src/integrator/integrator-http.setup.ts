import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EMPTY_BODY_SHA256 } from './request-signing.js';

const BODY_HASH = Symbol('integrator-body-sha256');

interface BodyHash {
  digest?: string;
}

/** Paths whose requests are signed over their raw body. */
const SIGNED_PATH = /^\/exchange\/v1\//;
const OPEN311_PATH = /^\/open311\//;

/** SHA-256 of the body exactly as received — what the signature covers, not a re-serialisation. */
export function bodySha256(request: FastifyRequest): string {
  return (
    (request as unknown as Record<symbol, BodyHash | undefined>)[BODY_HASH]?.digest ??
    EMPTY_BODY_SHA256
  );
}

/**
 * Fastify hooks the integrator API needs before Nest sees a request: the raw body's hash is taken
 * while the body streams through (the JSON parser keeps no raw copy), and Open311 clients may
 * POST form-encoded bodies as GeoReport v2 specifies — on /open311 only; elsewhere such a body is
 * still refused with 415.
 */
@Injectable()
export class IntegratorHttpSetup implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      if (!SIGNED_PATH.test(request.url)) return payload;
      const state: BodyHash = {};
      (request as unknown as Record<symbol, BodyHash>)[BODY_HASH] = state;
      const hash = createHash('sha256');
      let length = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          length += chunk.length;
          (tap as unknown as { receivedEncodedLength: number }).receivedEncodedLength = length;
          callback(null, chunk);
        },
        flush(callback) {
          state.digest = hash.digest('hex');
          callback();
        },
      });
      payload.on('error', (error) => tap.destroy(error));
      return payload.pipe(tap);
    });
    fastify.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (request, body, done) => {
        if (!OPEN311_PATH.test(request.url)) {
          done(
            Object.assign(new Error('form bodies are accepted on /open311 only'), {
              statusCode: 415,
              code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
            }),
            undefined,
          );
          return;
        }
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
  }
}
