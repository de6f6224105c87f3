import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bookingCancelledEvent } from '@minsheng/contracts';
import { AuditTrail, type AuditActor } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { BookingNotices } from '../notification/booking-notices.js';
import { noticeTexts } from '../notification/notice-texts.js';
import { invalidState } from '../video-reception.errors.js';
import { BookingEntity, HOLDING_STATUSES } from './booking.entity.js';
import { WaitingList } from './waiting-list.js';

export interface Cancellation {
  reason: string;
  by: 'petitioner' | 'staff' | 'schedule';
  actor: AuditActor;
  now: Date;
  /** Off when the whole day is cancelled: no one can take the freed slot. */
  promote: boolean;
}

const CANCELLABLE = ['booked', 'confirmed', 'waitlisted'];

/** Changes that several use cases share: cancelling, and giving a freed slot to the waiting list. */
@Injectable()
export class BookingLifecycle {
  constructor(
    private readonly events: EventPublisher,
    private readonly notices: BookingNotices,
    private readonly audit: AuditTrail,
    private readonly waitingList: WaitingList,
  ) {}

  async cancel(tx: EntityManager, booking: BookingEntity, c: Cancellation): Promise<void> {
    if (!CANCELLABLE.includes(booking.status)) {
      throw invalidState(`预约状态为 ${booking.status}，不能取消`);
    }
    const held = HOLDING_STATUSES.includes(booking.status);
    await tx.update(
      BookingEntity,
      { id: booking.id },
      { status: 'cancelled', cancelReason: c.reason, cancelledBy: c.actor.id, cancelledAt: c.now },
    );
    Object.assign(booking, {
      status: 'cancelled',
      cancelReason: c.reason,
      cancelledBy: c.actor.id,
      cancelledAt: c.now,
    });
    await this.notices.dropPendingReminders(tx, booking.id);
    await this.notices.add(
      tx,
      booking.id,
      'cancelled',
      noticeTexts.cancelled(booking.bookingCode, c.reason),
      c.now,
    );
    await this.events.publish(
      tx,
      bookingCancelledEvent,
      {
        bookingId: booking.id,
        bookingCode: booking.bookingCode,
        reason: c.reason,
        by: c.by,
        cancelledAt: c.now.toISOString(),
      },
      { divisionCode: booking.hallDivisionCode, occurredAt: c.now },
    );
    await this.audit.record(
      {
        action: 'booking.cancelled',
        outcome: 'success',
        actor: c.actor,
        target: { type: 'booking', id: booking.id },
        divisionCode: booking.hallDivisionCode,
        details: { bookingCode: booking.bookingCode, reason: c.reason, by: c.by },
      },
      tx,
    );
    if (held && c.promote) await this.waitingList.promote(tx, booking.receptionDayId, c.now);
  }
}
