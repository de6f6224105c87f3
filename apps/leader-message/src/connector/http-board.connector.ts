import { z } from 'zod';
import {
  BoardConnector,
  BoardUnavailableError,
  type BoardMessage,
  type BoardPage,
  type BoardRating,
  type PublishedReply,
} from './board-connector.js';

export interface HttpBoardConnectorOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
}

const messageSchema = z.object({
  messageId: z.string().min(1),
  type: z.string(),
  domain: z.string(),
  title: z.string(),
  content: z.string(),
  authorName: z.string(),
  contactPhone: z.string().nullable().optional(),
  postedAt: z.iso.datetime({ offset: true }),
});
const pageSchema = z.object({
  messages: z.array(messageSchema),
  nextCursor: z.string().nullable(),
});
const replySchema = z.object({
  replyId: z.string(),
  text: z.string(),
  publishedAt: z.iso.datetime({ offset: true }),
});
const ratingSchema = z.object({
  rating: z
    .object({
      attitude: z.number().int().min(1).max(5),
      speed: z.number().int().min(1).max(5),
      ratedAt: z.iso.datetime({ offset: true }),
    })
    .nullable(),
});

const toMessage = (m: z.output<typeof messageSchema>): BoardMessage => ({
  externalId: m.messageId,
  type: m.type,
  domain: m.domain,
  title: m.title,
  content: m.content,
  authorName: m.authorName,
  contactPhone: m.contactPhone ?? null,
  postedAt: new Date(m.postedAt),
});

/** The board's API over HTTP (JSON), as the simulator in `apps/board-simulator` speaks it. */
export class HttpBoardConnector extends BoardConnector {
  constructor(private readonly options: HttpBoardConnectorOptions) {
    super();
  }

  async listSince(boardId: string, cursor: string | null, limit: number): Promise<BoardPage> {
    const query = new URLSearchParams({
      limit: String(limit),
      ...(cursor ? { since: cursor } : {}),
    });
    const page = pageSchema.parse(
      await this.call('GET', `${this.board(boardId)}/messages?${query}`),
    );
    return { messages: page.messages.map(toMessage), nextCursor: page.nextCursor };
  }

  async fetch(boardId: string, externalId: string): Promise<BoardMessage> {
    return toMessage(
      messageSchema.parse(await this.call('GET', this.message(boardId, externalId))),
    );
  }

  async markClaimed(boardId: string, externalId: string): Promise<void> {
    await this.call('POST', `${this.message(boardId, externalId)}/claim`, {});
  }

  async postReply(
    boardId: string,
    externalId: string,
    reply: { text: string; organName: string },
  ): Promise<PublishedReply> {
    const answer = replySchema.parse(
      await this.call('POST', `${this.message(boardId, externalId)}/reply`, reply),
    );
    return {
      boardReplyId: answer.replyId,
      publishedText: answer.text,
      publishedAt: new Date(answer.publishedAt),
    };
  }

  async readRating(boardId: string, externalId: string): Promise<BoardRating | null> {
    const { rating } = ratingSchema.parse(
      await this.call('GET', `${this.message(boardId, externalId)}/rating`),
    );
    return rating ? { ...rating, ratedAt: new Date(rating.ratedAt) } : null;
  }

  private board(boardId: string): string {
    return `${this.options.baseUrl}/api/boards/${encodeURIComponent(boardId)}`;
  }

  private message(boardId: string, externalId: string): string {
    return `${this.board(boardId)}/messages/${encodeURIComponent(externalId)}`;
  }

  private async call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new BoardUnavailableError(`board unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new BoardUnavailableError(`board answered ${response.status} to ${method}`);
    }
    return response.json();
  }
}
