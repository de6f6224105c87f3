import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import {
  LEADER_MESSAGE_CONFIG,
  type LeaderMessageConfig,
} from '../config/leader-message.settings.js';

/**
 * Accepts the board's export uploaded as the file itself (`text/csv`), with a limit of its own:
 * a year of a busy board is megabytes, far above the JSON body limit the other routes keep.
 */
@Injectable()
export class CsvBodyParser implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(LEADER_MESSAGE_CONFIG) private readonly config: LeaderMessageConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify || fastify.hasContentTypeParser('text/csv')) return;
    fastify.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: this.config.IMPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
