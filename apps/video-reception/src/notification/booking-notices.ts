import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { BookingNoticeEntity, type BookingNoticeKind } from './booking-notice.entity.js';
import { noticeTexts } from './notice-texts.js';

interface ReminderTarget {
  id: string;
  bookingCode: string;
  startsAt: Date;
}

/**
 * Queues texts to petitioners inside the caller's transaction, so a notice exists exactly when
 * the change it reports does; `NoticeDispatcher` sends them when due.
 */
@Injectable()
export class BookingNotices {
  constructor(@Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig) {}

  async add(
    tx: EntityManager,
    bookingId: string,
    kind: BookingNoticeKind,
    text: string,
    dueAt: Date,
  ): Promise<void> {
    await tx.insert(BookingNoticeEntity, {
      id: randomUUID(),
      bookingId,
      kind,
      text,
      dueAt,
      sentAt: null,
      attempts: 0,
      createdAt: dueAt,
    });
  }

  /**
   * One reminder per configured lead time before the session. A lead time already past is
   * left out: the petitioner was just told (booked, confirmed, moved) and needs no echo.
   */
  async scheduleReminders(
    tx: EntityManager,
    booking: ReminderTarget,
    hallName: string,
    now: Date,
  ): Promise<void> {
    const due = new Set(
      this.config.REMINDER_LEAD_MINUTES.map(
        (lead) => booking.startsAt.getTime() - lead * 60_000,
      ).filter((at) => at > now.getTime()),
    );
    for (const at of due) {
      await this.add(
        tx,
        booking.id,
        'reminder',
        noticeTexts.reminder(booking.bookingCode, booking.startsAt, hallName),
        new Date(at),
      );
    }
  }

  /** Reminders not yet sent, dropped when a booking is cancelled, moved or redirected. */
  async dropPendingReminders(tx: EntityManager, bookingId: string): Promise<void> {
    await tx.query(
      `DELETE FROM booking_notice WHERE booking_id = $1 AND kind = 'reminder' AND sent_at IS NULL`,
      [bookingId],
    );
  }
}
