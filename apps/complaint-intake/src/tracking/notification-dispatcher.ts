import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TimelineStep } from '@minsheng/contracts';
import { PLAIN_INDEX_SCAN, PeriodicTask } from '@minsheng/persistence';
import { PersonalData } from '@minsheng/runtime';
import { INTAKE_CONFIG, type IntakeConfig } from '../config/intake.settings.js';
import { ComplaintTimeline } from './complaint-timeline.js';
import { NotificationSender } from './notification-sender.js';

const BATCH = 100;
const MAX_ATTEMPTS = 5;
/** Commits within this time share one pass: a few ms later for a notice, far fewer queries under load. */
const GATHER_MS = 50;

interface PendingNotice {
  id: string;
  complaint_id: string;
  step: TimelineStep;
  note: string;
  tracking_code: string;
  petitioner_phone_encrypted: string;
  notify_attempts: number;
}

/**
 * The next notices to send, oldest first, claimed after `PLAIN_INDEX_SCAN`. The complaint's columns are looked up per claimed row:
 * joined, the planner could hash the whole complaint table for a batch of a hundred.
 */
export const CLAIM_NOTICES = `
  SELECT e.id, e.complaint_id, e.step, e.note, e.notify_attempts,
         (SELECT c.tracking_code FROM complaint c WHERE c.id = e.complaint_id) AS tracking_code,
         (SELECT c.petitioner_phone_encrypted FROM complaint c WHERE c.id = e.complaint_id)
           AS petitioner_phone_encrypted
    FROM complaint_timeline_entry e
   WHERE e.notified_at IS NULL AND e.notify_attempts < $1
   ORDER BY e.id LIMIT $2
     FOR UPDATE SKIP LOCKED`;

const SMS_NOTE_CHARACTERS = 120;

/**
 * The SMS text of a timeline step: signature, tracking code, the notice — a long written notice
 * cut short with a pointer to the status page, which shows it whole. Nothing personal.
 */
export function noticeText(trackingCode: string, note: string): string {
  const characters = [...note];
  const shown =
    characters.length > SMS_NOTE_CHARACTERS
      ? `${characters.slice(0, SMS_NOTE_CHARACTERS - 12).join('')}……（全文请在查询页面查看）`
      : note;
  return `【民声】您的投诉（跟踪码 ${trackingCode}）${shown}`;
}

/**
 * Sends each timeline step to the petitioner once it is committed: woken by the commit, and
 * polling for steps committed by other replicas or left by a failed attempt. Rows are claimed
 * with SKIP LOCKED so replicas never send the same notice; a failing sender is retried on later
 * polls, up to five times. Delivery is at least once: a crash between sending and marking
 * re-sends that one notice.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly task: PeriodicTask;
  private unsubscribe?: () => void;
  private gathering?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: NotificationSender,
    private readonly personalData: PersonalData,
    private readonly timeline: ComplaintTimeline,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {
    this.task = new PeriodicTask({
      name: 'notification pass',
      intervalMs: config.NOTIFICATION_POLL_MS,
      pass: () => this.drain(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.timeline.onCommit(() => {
      this.gathering ??= setTimeout(() => {
        this.gathering = undefined;
        this.wake();
      }, GATHER_MS);
    });
    this.task.start({ immediately: true });
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.gathering);
    this.unsubscribe?.();
    await this.task.stop();
  }

  /** Runs a pass now, or right after the one under way. */
  wake(): void {
    this.task.wake();
  }

  private async drain(): Promise<void> {
    while (!this.task.isStopped && (await this.sendBatch()) === BATCH);
  }

  /** Sends one batch; returns how many notices it took on. */
  async sendBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(PLAIN_INDEX_SCAN);
      const rows: PendingNotice[] = await tx.query(CLAIM_NOTICES, [MAX_ATTEMPTS, BATCH]);
      const sent: string[] = [];
      const failed: string[] = [];
      for (const row of rows) {
        try {
          await this.sender.send({
            complaintId: row.complaint_id,
            trackingCode: row.tracking_code,
            step: row.step,
            phone: this.personalData.reveal(row.petitioner_phone_encrypted),
            text: noticeText(row.tracking_code, row.note),
          });
          sent.push(row.id);
        } catch (error) {
          failed.push(row.id);
          this.logger.warn(
            {
              trackingCode: row.tracking_code,
              step: row.step,
              attempt: row.notify_attempts + 1,
              err: (error as Error).message,
            },
            row.notify_attempts + 1 >= MAX_ATTEMPTS
              ? 'notice not sent; giving up'
              : 'notice not sent; will retry',
          );
        }
      }
      // One statement for the whole batch: under load this runs once per commit or so.
      if (rows.length) {
        await tx.query(
          `UPDATE complaint_timeline_entry
              SET notify_attempts = notify_attempts + 1,
                  notified_at = CASE WHEN id = ANY($1::bigint[]) THEN now() ELSE NULL END
            WHERE id = ANY($2::bigint[])`,
          [sent, [...sent, ...failed]],
        );
      }
      return rows.length;
    });
  }
}
