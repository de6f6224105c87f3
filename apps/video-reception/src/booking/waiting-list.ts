import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bookingPromotedEvent } from '@minsheng/contracts';
import { AuditTrail, SYSTEM_ACTOR } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { BookingNotices } from '../notification/booking-notices.js';
import { noticeTexts } from '../notification/notice-texts.js';
import { bookingConflictOf } from './booking-conflicts.js';
import { BookingEntity } from './booking.entity.js';
import { withSavepoint } from './savepoint.js';

/**
 * The waiting list of a reception day. When a held slot is freed (cancelled, redirected,
 * declined, moved), the first waitlisted booking of that day that now fits takes it — in the
 * transaction that freed it, so the slot is never free in between. "Fits" is for the database
 * to say: each candidate is tried in a savepoint against the same exclusion constraints.
 */
@Injectable()
export class WaitingList {
  constructor(
    private readonly events: EventPublisher,
    private readonly notices: BookingNotices,
    private readonly audit: AuditTrail,
  ) {}

  /** Promotes at most one booking (one hold was freed); answers it, or null. */
  async promote(
    tx: EntityManager,
    receptionDayId: string,
    now: Date,
  ): Promise<BookingEntity | null> {
    const candidates: Array<{ id: string }> = await tx.query(
      `SELECT id FROM booking
        WHERE reception_day_id = $1 AND status = 'waitlisted' AND starts_at > $2
        ORDER BY seq FOR UPDATE`,
      [receptionDayId, now],
    );
    for (const { id } of candidates) {
      try {
        await withSavepoint(tx, () =>
          tx.update(BookingEntity, { id, status: 'waitlisted' }, { status: 'booked' }),
        );
      } catch (error) {
        if (bookingConflictOf(error)) continue; // its slot, hall or petitioner is still taken
        throw error;
      }
      const promoted = await tx.findOneByOrFail(BookingEntity, { id });
      await this.events.publish(
        tx,
        bookingPromotedEvent,
        {
          bookingId: promoted.id,
          bookingCode: promoted.bookingCode,
          receptionDayId: promoted.receptionDayId,
          startsAt: promoted.startsAt.toISOString(),
          promotedAt: now.toISOString(),
        },
        { divisionCode: promoted.hallDivisionCode, occurredAt: now },
      );
      await this.notices.add(
        tx,
        promoted.id,
        'promoted',
        noticeTexts.promoted(promoted.bookingCode, promoted.startsAt),
        now,
      );
      await this.audit.record(
        {
          action: 'booking.promoted',
          outcome: 'success',
          actor: SYSTEM_ACTOR,
          target: { type: 'booking', id: promoted.id },
          divisionCode: promoted.hallDivisionCode,
          details: { bookingCode: promoted.bookingCode },
        },
        tx,
      );
      return promoted;
    }
    return null;
  }
}
