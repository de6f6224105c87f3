import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PersonalData } from '@minsheng/runtime';
import { PeriodicTask } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import type { BookingNoticeKind } from './booking-notice.entity.js';
import { NotificationSender } from './notification-sender.js';

const BATCH = 20;
const MAX_ATTEMPTS = 5;

interface DueNotice {
  id: string;
  kind: BookingNoticeKind;
  text: string;
  attempts: number;
  booking_code: string;
  status: string;
  petitioner_phone_encrypted: string;
}

/**
 * The reminder scheduler: every replica polls for due notices and claims them with
 * FOR UPDATE SKIP LOCKED, so several replicas never send the same one. A reminder for a booking
 * that is no longer confirmed is dropped; a failing sender is retried on later polls, up to five
 * times. Delivery is at least once: a crash between sending and marking re-sends that one.
 */
@Injectable()
export class NoticeDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NoticeDispatcher.name);
  private readonly task: PeriodicTask;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    private readonly personalData: PersonalData,
    private readonly clock: Clock,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'notice pass',
      intervalMs: config.NOTIFICATION_POLL_MS,
      pass: () => this.dispatchDue(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Runs a pass now, or right after the one under way. */
  wake(): void {
    this.task.wake();
  }

  /** Sends every notice due now; returns how many were sent. */
  async dispatchDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.sendBatch();
      sent += batch.sent;
      if (batch.claimed < BATCH || this.task.isStopped) return sent;
    }
  }

  private async sendBatch(): Promise<{ claimed: number; sent: number }> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const rows: DueNotice[] = await tx.query(
        `SELECT n.id, n.kind, n.text, n.attempts, b.booking_code, b.status, b.petitioner_phone_encrypted
           FROM booking_notice n JOIN booking b ON b.id = n.booking_id
          WHERE n.sent_at IS NULL AND n.due_at <= $1 AND n.attempts < $2
          ORDER BY n.due_at, n.seq LIMIT $3
          FOR UPDATE OF n SKIP LOCKED`,
        [now, MAX_ATTEMPTS, BATCH],
      );
      let sent = 0;
      for (const row of rows) {
        if (row.kind === 'reminder' && !['confirmed', 'checked-in'].includes(row.status)) {
          await tx.query(`DELETE FROM booking_notice WHERE id = $1`, [row.id]);
          continue;
        }
        try {
          await this.sender.send({
            bookingCode: row.booking_code,
            kind: row.kind,
            phone: this.personalData.reveal(row.petitioner_phone_encrypted),
            text: row.text,
          });
          await tx.query(
            `UPDATE booking_notice SET sent_at = $2, attempts = attempts + 1 WHERE id = $1`,
            [row.id, now],
          );
          sent += 1;
        } catch (error) {
          await tx.query(`UPDATE booking_notice SET attempts = attempts + 1 WHERE id = $1`, [
            row.id,
          ]);
          this.logger.warn(
            {
              bookingCode: row.booking_code,
              kind: row.kind,
              attempt: row.attempts + 1,
              err: (error as Error).message,
            },
            row.attempts + 1 >= MAX_ATTEMPTS
              ? 'notice not sent; giving up'
              : 'notice not sent; will retry',
          );
        }
      }
      return { claimed: rows.length, sent };
    });
  }
}
