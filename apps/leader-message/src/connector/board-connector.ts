/** A message as the board hands it over. */
export interface BoardMessage {
  externalId: string;
  type: string;
  domain: string;
  title: string;
  content: string;
  authorName: string;
  /** The contact the citizen left for the leader's team, when the board gives one. */
  contactPhone: string | null;
  postedAt: Date;
}

export interface BoardPage {
  messages: BoardMessage[];
  /** Where the next pull starts; unchanged when there was nothing new. */
  nextCursor: string | null;
}

export interface PublishedReply {
  boardReplyId: string;
  publishedText: string;
  publishedAt: Date;
}

export interface BoardRating {
  attitude: number;
  speed: number;
  ratedAt: Date;
}

/** A board that could not be reached or answered an error: the sync backs off and retries. */
export class BoardUnavailableError extends Error {}

/**
 * What Minsheng needs from a leader message board, which has no published API: list new
 * messages after a cursor, fetch one, mark one claimed, post a reply, read the citizen's rating.
 * Implementations: `HttpBoardConnector` (configured per deployment), and the import path for
 * offices with only the board's web back office (CSV upload, publication confirmed by hand).
 */
export abstract class BoardConnector {
  abstract listSince(boardId: string, cursor: string | null, limit: number): Promise<BoardPage>;
  abstract fetch(boardId: string, externalId: string): Promise<BoardMessage>;
  abstract markClaimed(boardId: string, externalId: string): Promise<void>;
  abstract postReply(
    boardId: string,
    externalId: string,
    reply: { text: string; organName: string },
  ): Promise<PublishedReply>;
  abstract readRating(boardId: string, externalId: string): Promise<BoardRating | null>;
}
