import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bookingRescheduledEvent } from '@minsheng/contracts';
import { AuditTrail, type AuditActor } from '@minsheng/audit';
import { EventPublisher } from '@minsheng/messaging';
import { BookingNotices } from '../notification/booking-notices.js';
import { noticeTexts } from '../notification/notice-texts.js';
import { invalidState } from '../video-reception.errors.js';
import { bookingConflictOf, conflictException } from './booking-conflicts.js';
import { BookingHallEntity } from './booking-hall.entity.js';
import { BookingEntity } from './booking.entity.js';
import { withSavepoint } from './savepoint.js';
import { SlotChoice } from './slot-choice.js';
import { WaitingList } from './waiting-list.js';

export interface RescheduleRequest {
  receptionDayId: string;
  slotStartsAt: string;
  hallId?: string;
  reason: string;
}

/**
 * Moves a held booking to another slot (of any reception day), in one transaction: the move is
 * checked by the same constraints as a new booking (a taken slot is a 409, never a waiting-list
 * place), and the freed slot goes to the old day's waiting list. Another leader means another
 * remit: the booking goes back to review.
 */
@Injectable()
export class RescheduleBooking {
  constructor(
    private readonly slots: SlotChoice,
    private readonly events: EventPublisher,
    private readonly notices: BookingNotices,
    private readonly waitingList: WaitingList,
    private readonly audit: AuditTrail,
  ) {}

  async execute(
    tx: EntityManager,
    booking: BookingEntity,
    request: RescheduleRequest,
    by: { kind: 'petitioner' | 'staff'; actor: AuditActor },
    now: Date,
  ): Promise<void> {
    if (booking.status !== 'booked' && booking.status !== 'confirmed') {
      throw invalidState('只有已预约或已确认的接访可以改期');
    }
    const chosen = await this.slots.resolve(
      tx,
      {
        receptionDayId: request.receptionDayId,
        slotStartsAt: request.slotStartsAt,
        hallId: request.hallId ?? booking.hallId,
        kind: booking.matterKind ?? undefined,
      },
      now,
    );
    if (
      chosen.day.id === booking.receptionDayId &&
      chosen.slot.startsAt.getTime() === booking.startsAt.getTime() &&
      chosen.hall.id === booking.hallId
    ) {
      throw invalidState('新的时段与原时段相同');
    }
    const sameLeader = chosen.schedule.leaderId === booking.leaderId;
    const from = {
      receptionDayId: booking.receptionDayId,
      startsAt: booking.startsAt.toISOString(),
    };
    const changes: Partial<BookingEntity> = {
      receptionDayId: chosen.day.id,
      scheduleId: chosen.schedule.id,
      leaderId: chosen.schedule.leaderId,
      divisionCode: chosen.schedule.divisionCode,
      hallId: chosen.hall.id,
      hallDivisionCode: chosen.hall.divisionCode,
      startsAt: chosen.slot.startsAt,
      endsAt: chosen.slot.endsAt,
      ...(sameLeader
        ? {}
        : {
            status: 'booked' as const,
            reviewDecision: null,
            reviewNote: null,
            redirectTo: null,
            reviewedBy: null,
            reviewedAt: null,
            videoRoom: null,
          }),
    };
    try {
      await withSavepoint(tx, async () => {
        // Halls that change are dropped before the move, so the old ones are never checked at
        // the new time; the new ones are inserted after it, at the new time.
        await tx.query(
          `DELETE FROM booking_hall WHERE booking_id = $1
              AND (role = 'official' OR (role = 'petitioner' AND hall_id <> $2) OR ($3 AND role = 'joining'))`,
          [booking.id, chosen.hall.id, !sameLeader],
        );
        await tx.update(BookingEntity, { id: booking.id }, changes);
        const present: Array<{ hall_id: string }> = await tx.query(
          `SELECT hall_id FROM booking_hall WHERE booking_id = $1`,
          [booking.id],
        );
        const have = new Set(present.map((r) => r.hall_id));
        const wanted = [
          { hall: chosen.hall, role: 'petitioner' as const },
          ...(chosen.officialHall
            ? [{ hall: chosen.officialHall, role: 'official' as const }]
            : []),
        ].filter((w) => !have.has(w.hall.id));
        for (const { hall, role } of wanted) {
          await tx.insert(BookingHallEntity, {
            bookingId: booking.id,
            hallId: hall.id,
            role,
            startsAt: chosen.slot.startsAt,
            endsAt: chosen.slot.endsAt,
            holdsSlot: true,
          });
          have.add(hall.id);
        }
      });
    } catch (error) {
      const kind = bookingConflictOf(error);
      throw kind ? conflictException(kind) : error;
    }
    const oldDayId = booking.receptionDayId;
    Object.assign(booking, changes);
    await this.notices.dropPendingReminders(tx, booking.id);
    if (booking.status === 'confirmed') {
      await this.notices.scheduleReminders(tx, booking, chosen.hall.name, now);
    }
    await this.notices.add(
      tx,
      booking.id,
      'rescheduled',
      noticeTexts.rescheduled(booking.bookingCode, booking.startsAt, request.reason),
      now,
    );
    await this.events.publish(
      tx,
      bookingRescheduledEvent,
      {
        bookingId: booking.id,
        bookingCode: booking.bookingCode,
        from,
        to: { receptionDayId: booking.receptionDayId, startsAt: booking.startsAt.toISOString() },
        reason: request.reason,
        by: by.kind,
        rescheduledAt: now.toISOString(),
      },
      { divisionCode: booking.hallDivisionCode, occurredAt: now },
    );
    await this.audit.record(
      {
        action: 'booking.rescheduled',
        outcome: 'success',
        actor: by.actor,
        target: { type: 'booking', id: booking.id },
        divisionCode: booking.hallDivisionCode,
        details: {
          bookingCode: booking.bookingCode,
          from,
          to: booking.startsAt.toISOString(),
          reason: request.reason,
        },
      },
      tx,
    );
    await this.waitingList.promote(tx, oldDayId, now);
  }
}
