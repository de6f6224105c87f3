import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  leaderMessageDeadlineApproachingEvent,
  leaderMessageOverdueEvent,
  leaderMessageRatedEvent,
  leaderMessageRepliedEvent,
} from '@minsheng/contracts';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction, PeriodicTask } from '@minsheng/persistence';
import { BoardEntity } from '../board/board.entity.js';
import { Clock } from '../clock.js';
import {
  LEADER_MESSAGE_CONFIG,
  type LeaderMessageConfig,
} from '../config/leader-message.settings.js';
import { BoardConnector } from '../connector/board-connector.js';
import { BoardMessageEntity } from '../message/board-message.entity.js';
import { messageRef } from '../message/message-events.js';
import { MessageIntake } from './message-intake.js';

const BOARDS_PER_PASS = 8;
const PUSH_BATCH = 20;
const RATING_WINDOW_DAYS = 30;

/**
 * The board scheduler. Every replica polls; each board due a pull is leased with
 * FOR UPDATE SKIP LOCKED, so two replicas never pull the same board at once. A pull pages from
 * the stored cursor; each page's messages and the new cursor commit together (a restart resumes
 * there, and a page read twice inserts nothing). A failing board backs off exponentially.
 * The same pass pushes claims and approved replies to the board, reads ratings back and raises
 * deadline warnings. Leases and backoff use real time; deadlines use the service's clock.
 */
@Injectable()
export class BoardSyncScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BoardSyncScheduler.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly connector: BoardConnector,
    private readonly intake: MessageIntake,
    private readonly events: EventPublisher,
    private readonly clock: Clock,
    @Inject(LEADER_MESSAGE_CONFIG) private readonly config: LeaderMessageConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'board pass',
      intervalMs: config.SYNC_POLL_MS,
      pass: () => this.runOnce(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  get isStopped(): boolean {
    return this.task.isStopped;
  }

  /** Runs a pass now, or right after the one under way. */
  wake(): void {
    this.task.wake();
  }

  /** One full pass: pull due boards, push claims and replies, read ratings, warn. */
  async runOnce(): Promise<void> {
    await this.pullDueBoards();
    await this.pushClaims();
    await this.publishApprovedReplies();
    await this.readRatings();
    await this.raiseDeadlineWarnings();
  }

  /** Pulls every board due now; returns how many messages were new. */
  async pullDueBoards(): Promise<number> {
    let total = 0;
    const pulled: string[] = [];
    for (;;) {
      // Each board once per pass: a board pulled to its end is due again on the next pass.
      const boards = await this.leaseDueBoards(pulled);
      pulled.push(...boards.map((b) => b.id));
      if (boards.length === 0 || this.isStopped) return total;
      const counts = await Promise.all(boards.map((b) => this.pull(b)));
      total += counts.reduce((a, b) => a + b, 0);
      if (boards.length < BOARDS_PER_PASS) return total;
    }
  }

  private async leaseDueBoards(exclude: string[]): Promise<BoardEntity[]> {
    const now = new Date();
    // An UPDATE … RETURNING answers [rows, affected] through TypeORM's Postgres driver.
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE board SET lease_until = $2
        WHERE id IN (SELECT id FROM board
                      WHERE source = 'http'
                        AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
                        AND (lease_until IS NULL OR lease_until < $1)
                        AND NOT (id = ANY($4::uuid[]))
                      ORDER BY next_attempt_at NULLS FIRST, id LIMIT $3
                      FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [now, new Date(now.getTime() + this.config.SYNC_LEASE_MS), BOARDS_PER_PASS, exclude],
    );
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(BoardEntity).findBy(rows.map((r) => ({ id: r.id })));
  }

  private async pull(board: BoardEntity): Promise<number> {
    let cursor = board.cursor;
    let inserted = 0;
    try {
      for (;;) {
        if (this.isStopped) break;
        const page = await this.connector.listSince(
          board.externalId,
          cursor,
          this.config.SYNC_PAGE_SIZE,
        );
        const advanced = await inTransaction(this.dataSource, async (tx) => {
          // A page lost to a crash before it reached the disk is simply pulled again.
          await tx.query(`SET LOCAL synchronous_commit = off`);
          const [current] = await tx.query(`SELECT cursor FROM board WHERE id = $1 FOR UPDATE`, [
            board.id,
          ]);
          // Another replica moved on (its lease ran out while this one was slow): start over there.
          if ((current?.cursor ?? null) !== cursor) return { count: 0, cursor: current?.cursor };
          const count = await this.intake.ingest(tx, board, page.messages, new Date());
          const next = page.nextCursor ?? cursor;
          await tx.query(
            `UPDATE board SET cursor = $2, failures = 0, last_error = NULL, last_synced_at = $3,
                    next_attempt_at = NULL, lease_until = $4 WHERE id = $1`,
            [board.id, next, new Date(), new Date(Date.now() + this.config.SYNC_LEASE_MS)],
          );
          return { count, cursor: next };
        });
        inserted += advanced.count;
        const moved = advanced.cursor !== cursor;
        cursor = advanced.cursor ?? null;
        if (page.messages.length < this.config.SYNC_PAGE_SIZE || !moved) break;
      }
      await this.dataSource.transaction(async (tx) => {
        await tx.query(`SET LOCAL synchronous_commit = off`);
        await tx.query(`UPDATE board SET lease_until = NULL WHERE id = $1`, [board.id]);
      });
    } catch (error) {
      const [{ failures }] = await this.dataSource.query(
        `SELECT failures FROM board WHERE id = $1`,
        [board.id],
      );
      const next = backoffMs(failures + 1, this.config);
      await this.dataSource.query(
        `UPDATE board SET failures = failures + 1, last_error = $2, next_attempt_at = $3,
                lease_until = NULL WHERE id = $1`,
        [board.id, (error as Error).message.slice(0, 500), new Date(Date.now() + next)],
      );
      this.logger.warn(
        { board: board.externalId, failures: failures + 1, retryInMs: next },
        'board pull failed; backing off',
      );
    }
    return inserted;
  }

  /** 认领 is mirrored on the board (状态 办理中); retried on later passes when the board fails. */
  async pushClaims(): Promise<void> {
    await this.forDue(
      `m.claimed_at IS NOT NULL AND m.claim_pushed_at IS NULL`,
      async (tx, m, board) => {
        await this.connector.markClaimed(board.externalId, m.externalId);
        await tx.update(BoardMessageEntity, { id: m.id }, { claimPushedAt: new Date() });
      },
    );
  }

  /** Approved replies go to the board; the text and time the board published are recorded. */
  async publishApprovedReplies(): Promise<void> {
    await this.forDue(`m.status = 'approved'`, async (tx, m, board) => {
      const published = await this.connector.postReply(board.externalId, m.externalId, {
        text: m.approvedText ?? '',
        organName: m.leadOrganName ?? '',
      });
      await tx.update(
        BoardMessageEntity,
        { id: m.id },
        {
          status: 'published',
          publishedText: published.publishedText,
          publishedAt: published.publishedAt,
          boardReplyId: published.boardReplyId,
        },
      );
      await this.events.publish(
        tx,
        leaderMessageRepliedEvent,
        {
          ...messageRef(m),
          publishedAt: published.publishedAt.toISOString(),
          onTime: published.publishedAt <= m.replyDeadline,
        },
        { divisionCode: m.divisionCode, occurredAt: published.publishedAt },
      );
    });
  }

  /** Reads the citizen's stars for replies published in the last 30 days. */
  async readRatings(): Promise<void> {
    const checkedBefore = new Date(Date.now() - this.config.RATING_CHECK_MS);
    const since = new Date(Date.now() - RATING_WINDOW_DAYS * 86_400_000);
    await this.forDue(
      `m.status = 'published' AND m.rated_at IS NULL AND m.published_at >= $2
       AND (m.rating_checked_at IS NULL OR m.rating_checked_at < $3)`,
      async (tx, m, board) => {
        const rating = await this.connector.readRating(board.externalId, m.externalId);
        await tx.update(
          BoardMessageEntity,
          { id: m.id },
          rating
            ? {
                ratingAttitude: rating.attitude,
                ratingSpeed: rating.speed,
                ratedAt: rating.ratedAt,
                ratingCheckedAt: new Date(),
              }
            : { ratingCheckedAt: new Date() },
        );
        if (rating) {
          await this.events.publish(
            tx,
            leaderMessageRatedEvent,
            {
              ...messageRef(m),
              attitude: rating.attitude,
              speed: rating.speed,
              ratedAt: rating.ratedAt.toISOString(),
            },
            { divisionCode: m.divisionCode, occurredAt: rating.ratedAt },
          );
        }
      },
      [since, checkedBefore],
    );
  }

  /** 预警 before and 超期 after the claim and reply deadlines, once per message and deadline. */
  async raiseDeadlineWarnings(): Promise<void> {
    const now = this.clock.now();
    const warnBy = this.config.calendar.addDays(now, this.config.WARNING_DAYS_BEFORE);
    const checks = [
      {
        kind: 'claim' as const,
        open: `claimed_at IS NULL AND status = 'new'`,
        col: 'claim_deadline',
      },
      {
        kind: 'reply' as const,
        open: `status IN ('new', 'claimed', 'assigned', 'drafted', 'approved')`,
        col: 'reply_deadline',
      },
    ];
    for (const check of checks) {
      for (const [flag, event, limit] of [
        [`${check.kind}-overdue`, leaderMessageOverdueEvent, now],
        [`${check.kind}-approaching`, leaderMessageDeadlineApproachingEvent, warnBy],
      ] as const) {
        await inTransaction(this.dataSource, async (tx) => {
          const ids: Array<{ id: string }> = await tx.query(
            `SELECT id FROM board_message
              WHERE ${check.open} AND ${check.col} <= $1 AND NOT ($2 = ANY(warnings))
              ORDER BY ${check.col} LIMIT 200 FOR UPDATE SKIP LOCKED`,
            [limit, flag],
          );
          const due = ids.length
            ? await tx.findBy(BoardMessageEntity, { id: In(ids.map((r) => r.id)) })
            : [];
          for (const m of due) {
            await tx.query(
              `UPDATE board_message SET warnings = array_append(warnings, $2) WHERE id = $1`,
              [m.id, flag],
            );
            await this.events.publish(
              tx,
              event,
              {
                ...messageRef(m),
                deadlineKind: check.kind,
                dueAt: (check.kind === 'claim' ? m.claimDeadline : m.replyDeadline).toISOString(),
                detectedAt: now.toISOString(),
              },
              { divisionCode: m.divisionCode, occurredAt: now },
            );
          }
        });
      }
    }
  }

  /**
   * Runs `work` for each message matching `condition` (on HTTP boards, not backing off), each
   * batch in its own transaction with the rows locked (SKIP LOCKED: replicas share the work). A
   * failing board call leaves the row for a later pass, with backoff.
   */
  private async forDue(
    condition: string,
    work: (tx: EntityManager, m: BoardMessageEntity, board: BoardEntity) => Promise<void>,
    extra: unknown[] = [],
  ): Promise<void> {
    if (this.isStopped) return;
    const now = new Date();
    await inTransaction(this.dataSource, async (tx) => {
      const rows: Array<{ id: string }> = await tx.query(
        `SELECT m.id FROM board_message m JOIN board b ON b.id = m.board_id
          WHERE b.source = 'http' AND (m.next_push_at IS NULL OR m.next_push_at <= $1)
            AND ${condition}
          ORDER BY m.posted_at LIMIT ${PUSH_BATCH}
          FOR UPDATE OF m SKIP LOCKED`,
        [now, ...extra],
      );
      for (const { id } of rows) {
        const m = await tx.findOneByOrFail(BoardMessageEntity, { id });
        const board = await tx.findOneByOrFail(BoardEntity, { id: m.boardId });
        try {
          await work(tx, m, board);
          if (m.pushFailures > 0) {
            await tx.update(BoardMessageEntity, { id }, { pushFailures: 0, nextPushAt: null });
          }
        } catch (error) {
          const failures = m.pushFailures + 1;
          await tx.update(
            BoardMessageEntity,
            { id },
            {
              pushFailures: failures,
              nextPushAt: new Date(Date.now() + backoffMs(failures, this.config)),
            },
          );
          this.logger.warn(
            { message: m.externalId, failures, err: (error as Error).message },
            'board call failed; will retry',
          );
        }
      }
    });
  }
}

export function backoffMs(
  failures: number,
  config: Pick<LeaderMessageConfig, 'SYNC_BACKOFF_BASE_MS' | 'SYNC_BACKOFF_MAX_MS'>,
): number {
  const exp = config.SYNC_BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20);
  return Math.min(exp, config.SYNC_BACKOFF_MAX_MS);
}
