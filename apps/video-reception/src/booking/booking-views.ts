import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BookingResponse } from '@minsheng/contracts';
import { maskPhoneNumber, maskResidentIdNumber } from '@minsheng/domain';
import { PersonalData } from '@minsheng/runtime';
import { ReceptionScheduleEntity } from '../schedule/reception-schedule.entity.js';
import type { BookingEntity } from './booking.entity.js';
import type { BookingHallRole } from './booking-hall.entity.js';

export interface SessionHall {
  id: string;
  name: string;
  divisionCode: string;
  address: string | null;
  role: BookingHallRole;
}

/** Reads what a booking's answers need besides the booking itself. */
@Injectable()
export class BookingViews {
  constructor(private readonly personalData: PersonalData) {}

  async halls(manager: EntityManager, bookingId: string): Promise<SessionHall[]> {
    return manager.query(
      `SELECT h.id, h.name, h.division_code AS "divisionCode", h.address, bh.role
         FROM booking_hall bh JOIN reception_hall h ON h.id = bh.hall_id
        WHERE bh.booking_id = $1
        ORDER BY CASE bh.role WHEN 'official' THEN 0 WHEN 'petitioner' THEN 1 ELSE 2 END, h.name`,
      [bookingId],
    );
  }

  /** 1 = next in line; null unless waitlisted. */
  async waitlistPosition(manager: EntityManager, booking: BookingEntity): Promise<number | null> {
    if (booking.status !== 'waitlisted') return null;
    const [row] = await manager.query(
      `SELECT count(*)::int AS ahead FROM booking o, booking b
        WHERE b.id = $1 AND o.reception_day_id = b.reception_day_id AND o.starts_at = b.starts_at
          AND o.status = 'waitlisted' AND o.seq < b.seq`,
      [booking.id],
    );
    return Number(row.ahead) + 1;
  }

  async schedule(manager: EntityManager, booking: BookingEntity): Promise<ReceptionScheduleEntity> {
    return manager
      .getRepository(ReceptionScheduleEntity)
      .findOneByOrFail({ id: booking.scheduleId });
  }

  /** The staff view: personal data masked. */
  async view(manager: EntityManager, booking: BookingEntity): Promise<BookingResponse> {
    const [schedule, halls, waitlistPosition] = await Promise.all([
      this.schedule(manager, booking),
      this.halls(manager, booking.id),
      this.waitlistPosition(manager, booking),
    ]);
    return {
      id: booking.id,
      bookingCode: booking.bookingCode,
      status: booking.status,
      channel: booking.channel,
      receptionDayId: booking.receptionDayId,
      scheduleId: booking.scheduleId,
      leader: { id: schedule.leaderId, name: schedule.leaderName, title: schedule.leaderTitle },
      divisionCode: booking.divisionCode,
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
      waitlistPosition,
      halls: halls.map((h) => ({
        id: h.id,
        name: h.name,
        divisionCode: h.divisionCode,
        role: h.role,
      })),
      petitioner: {
        name: booking.petitionerName,
        idNumberMasked: maskResidentIdNumber(
          this.personalData.reveal(booking.petitionerIdNumberEncrypted),
        ),
        phoneMasked: maskPhoneNumber(this.personalData.reveal(booking.petitionerPhoneEncrypted)),
      },
      attendees: booking.attendees,
      petitionNumber: booking.petitionNumber,
      matter:
        booking.matterKind && booking.matterTitle && booking.matterContent
          ? { kind: booking.matterKind, title: booking.matterTitle, content: booking.matterContent }
          : null,
      review:
        booking.reviewDecision && booking.reviewedBy && booking.reviewedAt
          ? {
              decision: booking.reviewDecision,
              note: booking.reviewNote,
              redirectTo: booking.redirectTo,
              by: booking.reviewedBy,
              at: booking.reviewedAt.toISOString(),
            }
          : null,
      cancellation:
        booking.cancelReason && booking.cancelledBy && booking.cancelledAt
          ? {
              reason: booking.cancelReason,
              by: booking.cancelledBy,
              at: booking.cancelledAt.toISOString(),
            }
          : null,
      checkedInAt: booking.checkedInAt?.toISOString() ?? null,
      createdAt: booking.createdAt.toISOString(),
    };
  }
}

/** `张*` / `欧阳**`: how a petitioner's name shows where the booking code alone was given. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}
