import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

export const MESSAGE_TYPES = ['投诉', '求助', '咨询', '建言', '感谢'] as const;
export const MESSAGE_DOMAINS = [
  '城市建设与管理',
  '交通管理',
  '教育',
  '医疗卫生',
  '劳动和社会保障',
  '环境保护',
  '农业农村',
  '房地产',
] as const;
export type SimulatedMessageType = (typeof MESSAGE_TYPES)[number];
export type SimulatedMessageStatus = '待回复' | '办理中' | '已回复';

export interface SimulatedBoard {
  boardId: string;
  leaderName: string;
  leaderTitle: string;
  divisionCode: string;
}

export interface SimulatedMessage {
  messageId: string;
  boardId: string;
  seq: number;
  type: SimulatedMessageType;
  domain: string;
  title: string;
  content: string;
  authorName: string;
  /** The contact the citizen left for the leader's team only; never shown publicly. */
  contactPhone: string | null;
  postedAt: string;
  status: SimulatedMessageStatus;
  reply: { replyId: string; text: string; organName: string; publishedAt: string } | null;
  rating: { attitude: number; speed: number; ratedAt: string } | null;
}

export interface BoardSimulatorOptions {
  port?: number;
  host?: string;
  /** When set, every API call must carry `authorization: Bearer <token>`. */
  token?: string;
}

export interface BoardSimulator {
  readonly url: string;
  readonly port: number;
  addBoard(board?: Partial<SimulatedBoard>): SimulatedBoard;
  /** Posts `count` new messages (a burst) to a board; returns them. */
  inject(
    boardId: string,
    count?: number,
    overrides?: Partial<
      Pick<SimulatedMessage, 'type' | 'domain' | 'title' | 'content' | 'contactPhone' | 'postedAt'>
    >,
  ): SimulatedMessage[];
  /** A steady stream: `perTick` messages to each board every `intervalMs`, until stopped. */
  startSteady(options: { boardIds: string[]; perTick: number; intervalMs: number }): () => void;
  /** Answers 500 to every API call (or a board's only) for `ms` milliseconds. */
  failFor(ms: number, boardId?: string): void;
  /** The citizen rates the reply (1–5 stars for attitude and speed). */
  rate(boardId: string, messageId: string, stars: { attitude: number; speed: number }): void;
  message(boardId: string, messageId: string): SimulatedMessage | undefined;
  messages(boardId: string): SimulatedMessage[];
  /**
   * The back office's export of a board (what offices without the API download): CSV, UTF-8 with
   * a BOM, the back office's Chinese column titles, times in Beijing time without a zone.
   */
  exportCsv(boardId: string): string;
  /** Staff publish a reply by hand in the back office (for boards worked without the API). */
  replyByHand(
    boardId: string,
    messageId: string,
    text: string,
  ): { replyId: string; text: string; publishedAt: string };
  /** API calls answered so far, by outcome (for backoff assertions). */
  readonly calls: { ok: number; failed: number };
  close(): Promise<void>;
}

class State {
  readonly boards = new Map<string, SimulatedBoard>();
  readonly messages = new Map<string, SimulatedMessage[]>();
  readonly byId = new Map<string, SimulatedMessage>();
  failUntil = 0;
  readonly boardFailUntil = new Map<string, number>();
  readonly calls = { ok: 0, failed: 0 };
  private counter = 0;

  addBoard(board: Partial<SimulatedBoard> = {}): SimulatedBoard {
    this.counter += 1;
    const created: SimulatedBoard = {
      boardId: board.boardId ?? `board-${this.counter}-${randomUUID().slice(0, 8)}`,
      leaderName: board.leaderName ?? `领导${this.counter}`,
      leaderTitle: board.leaderTitle ?? '市长',
      divisionCode: board.divisionCode ?? '510100',
    };
    this.boards.set(created.boardId, created);
    this.messages.set(created.boardId, []);
    return created;
  }

  inject(
    boardId: string,
    count = 1,
    overrides: Partial<SimulatedMessage> = {},
  ): SimulatedMessage[] {
    const list = this.messages.get(boardId);
    if (!list) throw new Error(`no board ${boardId}`);
    const created: SimulatedMessage[] = [];
    for (let i = 0; i < count; i += 1) {
      const seq = list.length + 1;
      const type = overrides.type ?? MESSAGE_TYPES[seq % MESSAGE_TYPES.length];
      const domain = overrides.domain ?? MESSAGE_DOMAINS[seq % MESSAGE_DOMAINS.length];
      const message: SimulatedMessage = {
        messageId: `${boardId}-m${seq}`,
        boardId,
        seq,
        type,
        domain,
        title: overrides.title ?? `${domain}问题反映 #${seq}`,
        content: overrides.content ?? `关于${domain}的留言内容，编号 ${seq}。`,
        authorName: `网友${(seq * 7919) % 100000}`,
        contactPhone: overrides.contactPhone ?? null,
        postedAt: overrides.postedAt ?? new Date().toISOString(),
        status: '待回复',
        reply: null,
        rating: null,
      };
      list.push(message);
      this.byId.set(`${boardId}/${message.messageId}`, message);
      created.push(message);
    }
    return created;
  }

  failing(boardId?: string): boolean {
    const now = Date.now();
    return now < this.failUntil || (!!boardId && now < (this.boardFailUntil.get(boardId) ?? 0));
  }
}

const EXPORT_COLUMNS = [
  '留言编号',
  '留言类型',
  '留言领域',
  '留言标题',
  '留言内容',
  '留言人',
  '联系电话',
  '留言时间',
  '状态',
  '回复内容',
  '回复时间',
  '态度评价',
  '速度评价',
  '评价时间',
];

/** `2027-03-01 09:30:00`: Beijing time, as the back office shows and exports it. */
function beijingTime(iso: string | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const csvCell = (value: string | number | null | undefined): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function exportCsv(messages: SimulatedMessage[]): string {
  const lines = messages.map((m) =>
    [
      m.messageId,
      m.type,
      m.domain,
      m.title,
      m.content,
      m.authorName,
      m.contactPhone,
      beijingTime(m.postedAt),
      m.status,
      m.reply?.text,
      beijingTime(m.reply?.publishedAt),
      m.rating?.attitude,
      m.rating?.speed,
      beijingTime(m.rating?.ratedAt),
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[EXPORT_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}

/** Public view of a message: what the board's API hands to the leader's team. */
function view(message: SimulatedMessage) {
  const { seq: _seq, ...rest } = message;
  return { ...rest, cursor: String(message.seq) };
}

/**
 * Starts the simulated leader message board (dev and test only) on `port` (0: a free one).
 */
export async function startBoardSimulator(
  options: BoardSimulatorOptions = {},
): Promise<BoardSimulator> {
  const state = new State();
  const app: FastifyInstance = Fastify({ logger: false });
  const timers = new Set<NodeJS.Timeout>();

  type Params = { boardId: string; messageId?: string };
  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const { boardId } = request.params as Params;
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) {
      void reply.code(401).send({ error: 'unauthorized' });
      return false;
    }
    if (state.failing(boardId)) {
      state.calls.failed += 1;
      void reply.code(500).send({ error: 'internal error (simulated)' });
      return false;
    }
    if (!state.boards.has(boardId)) {
      void reply.code(404).send({ error: 'no such board' });
      return false;
    }
    state.calls.ok += 1;
    return true;
  };
  // Publishing twice (a retried call) keeps the first reply: the board is idempotent here.
  const publish = (message: SimulatedMessage, text: string, organName: string) => {
    message.reply ??= {
      replyId: randomUUID(),
      text,
      organName,
      publishedAt: new Date().toISOString(),
    };
    message.status = '已回复';
    return message.reply;
  };
  const find = (request: FastifyRequest, reply: FastifyReply): SimulatedMessage | undefined => {
    const { boardId, messageId } = request.params as Params;
    const message = state.byId.get(`${boardId}/${messageId}`);
    if (!message) void reply.code(404).send({ error: 'no such message' });
    return message;
  };

  app.get('/api/boards/:boardId/messages', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const { boardId } = request.params as Params;
    const query = request.query as { since?: string; limit?: string };
    const since = Number(query.since ?? 0) || 0;
    const limit = Math.min(Math.max(Number(query.limit ?? 100) || 100, 1), 1000);
    const page = state.messages.get(boardId)!.slice(since, since + limit);
    return {
      messages: page.map(view),
      nextCursor: page.length > 0 ? String(page[page.length - 1].seq) : String(since),
    };
  });

  app.get('/api/boards/:boardId/messages/:messageId', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const message = find(request, reply);
    return message ? view(message) : reply;
  });

  app.post('/api/boards/:boardId/messages/:messageId/claim', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const message = find(request, reply);
    if (!message) return reply;
    if (message.status === '待回复') message.status = '办理中';
    return { status: message.status };
  });

  app.post('/api/boards/:boardId/messages/:messageId/reply', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const message = find(request, reply);
    if (!message) return reply;
    const body = (request.body ?? {}) as { text?: unknown; organName?: unknown };
    if (typeof body.text !== 'string' || body.text.trim() === '') {
      return reply.code(400).send({ error: 'text required' });
    }
    return publish(message, body.text, typeof body.organName === 'string' ? body.organName : '');
  });

  app.get('/api/boards/:boardId/messages/:messageId/rating', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const message = find(request, reply);
    return message ? { rating: message.rating } : reply;
  });

  // The back office's export download (offices without the API upload it to Minsheng).
  app.get('/_backoffice/boards/:boardId/export.csv', async (request, reply) => {
    const { boardId } = request.params as Params;
    if (!state.boards.has(boardId)) return reply.code(404).send({ error: 'no such board' });
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${boardId}.csv"`)
      .send(exportCsv(state.messages.get(boardId)!));
  });

  // Controls for running it by hand (the in-process handle offers the same).
  app.post('/_control/boards', async (request) => state.addBoard(request.body as object));
  app.post('/_control/boards/:boardId/inject', async (request) => {
    const { boardId } = request.params as Params;
    const { count } = (request.body ?? {}) as { count?: number };
    return { injected: state.inject(boardId, count ?? 1).length };
  });
  app.post('/_control/fail', async (request) => {
    const { ms, boardId } = (request.body ?? {}) as { ms?: number; boardId?: string };
    handle.failFor(ms ?? 10_000, boardId);
    return { ok: true };
  });

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);

  const handle: BoardSimulator = {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    calls: state.calls,
    addBoard: (board) => state.addBoard(board),
    inject: (boardId, count, overrides) => state.inject(boardId, count, overrides),
    startSteady({ boardIds, perTick, intervalMs }) {
      const timer = setInterval(() => {
        for (const boardId of boardIds) state.inject(boardId, perTick);
      }, intervalMs);
      timers.add(timer);
      return () => {
        clearInterval(timer);
        timers.delete(timer);
      };
    },
    failFor(ms, boardId) {
      if (boardId) state.boardFailUntil.set(boardId, Date.now() + ms);
      else state.failUntil = Date.now() + ms;
    },
    rate(boardId, messageId, { attitude, speed }) {
      const message = state.byId.get(`${boardId}/${messageId}`);
      if (!message) throw new Error(`no message ${messageId}`);
      for (const stars of [attitude, speed]) {
        if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw new Error('1–5 stars');
      }
      message.rating = { attitude, speed, ratedAt: new Date().toISOString() };
    },
    message: (boardId, messageId) => state.byId.get(`${boardId}/${messageId}`),
    messages: (boardId) => [...(state.messages.get(boardId) ?? [])],
    exportCsv(boardId) {
      const messages = state.messages.get(boardId);
      if (!messages) throw new Error(`no board ${boardId}`);
      return exportCsv(messages);
    },
    replyByHand(boardId, messageId, text) {
      const message = state.byId.get(`${boardId}/${messageId}`);
      if (!message) throw new Error(`no message ${messageId}`);
      const { replyId, publishedAt } = publish(message, text, '');
      return { replyId, text: message.reply!.text, publishedAt };
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await app.close();
    },
  };
  return handle;
}
