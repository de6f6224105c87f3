import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { importPKCS8 } from 'jose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signAccessToken } from '@minsheng/auth';
import type { Role } from '@minsheng/contracts';
import { runService } from '@minsheng/runtime';
import { InProcessService } from '@minsheng/service-harness';
import { TEST_AUDIENCE, TEST_ISSUER, backingServices } from '@minsheng/testing';
import { Clock } from '../../src/clock.js';
import { entities, migrations } from '../../src/schema.js';
import { serviceDefinition } from '../../src/service-definition.js';
import { BoardSyncScheduler } from '../../src/sync/board-sync.scheduler.js';
export { entities, migrations };

/** The parts of the board simulator (`apps/board-simulator`) the suites drive. */
export interface BoardSimulator {
  readonly url: string;
  readonly calls: { ok: number; failed: number };
  addBoard(board?: { divisionCode?: string; leaderName?: string }): SimulatedBoard;
  inject(
    boardId: string,
    count?: number,
    overrides?: {
      type?: string;
      postedAt?: string;
      contactPhone?: string | null;
      content?: string;
    },
  ): Array<{ messageId: string }>;
  startSteady(options: { boardIds: string[]; perTick: number; intervalMs: number }): () => void;
  failFor(ms: number, boardId?: string): void;
  rate(boardId: string, messageId: string, stars: { attitude: number; speed: number }): void;
  message(
    boardId: string,
    messageId: string,
  ): { status: string; reply: { text: string; publishedAt: string } | null } | undefined;
  exportCsv(boardId: string): string;
  replyByHand(
    boardId: string,
    messageId: string,
    text: string,
  ): { replyId: string; text: string; publishedAt: string };
  close(): Promise<void>;
}
export interface SimulatedBoard {
  boardId: string;
  leaderName: string;
  leaderTitle: string;
  divisionCode: string;
}

// The simulator is an app of its own (dev and test only): loaded by path, as a process would be.
const SIMULATOR = fileURLToPath(new URL('../../../board-simulator/src/index.ts', import.meta.url));

/** Starts the board simulator in this process on a free port; the connector talks HTTP to it. */
export async function startBoardSimulator(): Promise<BoardSimulator> {
  const module = (await import(SIMULATOR)) as {
    startBoardSimulator(options: { port: number }): Promise<BoardSimulator>;
  };
  return module.startBoardSimulator({ port: 0 });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** Settings the suites run with: the scheduler is driven by the tests, backoff is short. */
export function testEnv(simulator: BoardSimulator): Record<string, string> {
  return {
    BOARD_BASE_URL: simulator.url,
    SYNC_POLL_MS: '3600000',
    SYNC_BACKOFF_BASE_MS: '200',
    SYNC_BACKOFF_MAX_MS: '1000',
    RATING_CHECK_MS: '0',
    DAY_COUNT_MODE: 'calendar-day',
  };
}

export function standAt(app: NestFastifyApplication, at: Date | string): void {
  const instant = new Date(at);
  app.get(Clock).now = () => new Date(instant);
}

export const scheduler = (app: NestFastifyApplication) => app.get(BoardSyncScheduler);

/** Who calls: a role of a division, optionally working for an organ (主办/协办 staff). */
export interface CallAs {
  role?: Role;
  division?: string;
  organ?: string;
  payload?: unknown;
  /** Sent as is with this content type instead of JSON (an uploaded file). */
  contentType?: string;
}

/** A token for staff of an organ (the test keys sign tokens without one). */
export async function organToken(
  service: InProcessService,
  role: Role,
  division: string,
  organId: string,
): Promise<string> {
  const key = await importPKCS8(await readFile(service.keys.privateKeyFile, 'utf8'), 'ES256');
  return signAccessToken(
    key,
    { userId: `user-${role}-${organId}`, roles: [role], divisionCode: division, organId },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
}

export class LeaderMessageKit {
  constructor(readonly service: InProcessService) {}

  token(role: Role | Role[], division = '510100'): Promise<string> {
    return this.service.keys.token(role, division);
  }

  async call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    { role, division, organ, payload, contentType }: CallAs = {},
  ) {
    const token = !role
      ? null
      : organ
        ? await organToken(this.service, role, division ?? '510100', organ)
        : await this.token(role, division);
    return this.service.http.inject({
      method,
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  async ok(
    expected: number,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    options: CallAs = {},
  ): Promise<Json> {
    const r = await this.call(method, url, options);
    if (r.statusCode !== expected)
      throw new Error(`expected ${expected}, got ${r.statusCode}: ${r.body}`);
    return r.body ? r.json() : undefined;
  }

  /** Configures a simulator board for the service (as a supervisor of its division). */
  configureBoard(
    board: { boardId: string; leaderName: string; leaderTitle: string; divisionCode: string },
    leaderId = `leader-${board.boardId}`,
    source: 'http' | 'import' = 'http',
  ): Promise<Json> {
    return this.ok(201, 'POST', '/api/v1/boards', {
      role: 'supervisor',
      division: board.divisionCode,
      payload: {
        externalId: board.boardId,
        leader: { id: leaderId, name: board.leaderName, title: board.leaderTitle },
        divisionCode: board.divisionCode,
        source,
      },
    });
  }

  async messageId(externalId: string): Promise<string> {
    const [row] = await this.service.schema.query<{ id: string }>(
      'SELECT id FROM board_message WHERE external_id = $1',
      [externalId],
    );
    if (!row) throw new Error(`no message ${externalId}`);
    return row.id;
  }
}

/** A second instance of the service on the same schema and namespace (a restart, a replica). */
export function startInstance(
  service: InProcessService,
  env: Record<string, string>,
): Promise<NestFastifyApplication> {
  const { databaseUrl, natsUrl, redisUrl } = backingServices();
  return runService(serviceDefinition, {
    handleSignals: false,
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      REDIS_URL: redisUrl,
      DB_SCHEMA: service.schema.name,
      NATS_NAMESPACE: service.namespace,
      HTTP_HOST: '127.0.0.1',
      LEADER_MESSAGE_PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...service.keys.env(),
      ...env,
    },
  });
}

export const startService = (env: Record<string, string>) =>
  InProcessService.start(serviceDefinition, { entities, migrations, env });
