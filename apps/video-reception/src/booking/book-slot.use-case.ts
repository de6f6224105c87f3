import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  bookingMadeEvent,
  type BookSlotRequest,
  type BookSlotResponse,
  type BookingChannel,
} from '@minsheng/contracts';
import { AuditTrail, CITIZEN_ACTOR, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { LookupHasher } from '@minsheng/crypto';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { PersonalData } from '@minsheng/runtime';
import { Clock } from '../clock.js';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { BookingNotices } from '../notification/booking-notices.js';
import { noticeTexts } from '../notification/notice-texts.js';
import { forbidden } from '../video-reception.errors.js';
import { newBookingCode, newQueryCode, secretHash } from './booking-codes.js';
import { bookingConflictOf, conflictException } from './booking-conflicts.js';
import { BookingHallEntity } from './booking-hall.entity.js';
import { BookingEntity } from './booking.entity.js';
import { ReceptionDayQueue } from './reception-day-queue.js';
import { withSavepoint } from './savepoint.js';
import { SlotChoice, type ChosenSlot } from './slot-choice.js';

export const QUERY_CODE_PURPOSE = 'booking-query-code';

/** Who books: a petitioner online (no account), or a clerk for a walk-in at their county's hall. */
export type Booker = { channel: 'online' } | { channel: 'walk-in'; principal: Principal };

/**
 * Books a slot. The insert itself is the check: Postgres refuses it when the leader, the hall or
 * the petitioner is already taken at an overlapping time, or the day is full — whatever the
 * number of concurrent requests and replicas. A taken slot (or full day) puts the petitioner on
 * the waiting list when they asked for it and a place is left.
 */
@Injectable()
export class BookSlotUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly slots: SlotChoice,
    private readonly personalData: PersonalData,
    private readonly hasher: LookupHasher,
    private readonly events: EventPublisher,
    private readonly notices: BookingNotices,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly dayQueue: ReceptionDayQueue,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {}

  async execute(request: BookSlotRequest, booker: Booker): Promise<BookSlotResponse> {
    const now = this.clock.now();
    const chosen = await this.slots.resolve(
      this.dataSource.manager,
      { ...request, kind: request.matter?.kind },
      now,
    );
    if (
      booker.channel === 'walk-in' &&
      !coversDivision(booker.principal, chosen.hall.divisionCode)
    ) {
      throw forbidden('只能为本辖区接访厅的来访群众预约');
    }
    const idNumber = this.personalData.idNumber(request.petitioner.idNumber);
    const phone = this.personalData.phone(request.petitioner.phone);
    const bookingCode = newBookingCode();
    const queryCode = newQueryCode();
    const booking: BookingEntity = {
      id: randomUUID(),
      bookingCode,
      queryCodeHash: secretHash(this.hasher, QUERY_CODE_PURPOSE, bookingCode, queryCode),
      receptionDayId: chosen.day.id,
      scheduleId: chosen.schedule.id,
      leaderId: chosen.schedule.leaderId,
      divisionCode: chosen.schedule.divisionCode,
      hallId: chosen.hall.id,
      hallDivisionCode: chosen.hall.divisionCode,
      startsAt: chosen.slot.startsAt,
      endsAt: chosen.slot.endsAt,
      status: 'booked',
      channel: booker.channel satisfies BookingChannel,
      petitionerName: request.petitioner.name,
      petitionerIdNumberEncrypted: idNumber.encrypted,
      petitionerIdNumberHash: idNumber.lookupHash,
      petitionerPhoneEncrypted: phone.encrypted,
      petitionerPhoneHash: phone.lookupHash,
      attendees: request.attendees,
      petitionNumber: request.petitionNumber ?? null,
      matterKind: request.matter?.kind ?? null,
      matterTitle: request.matter?.title ?? null,
      matterContent: request.matter?.content ?? null,
      reviewDecision: null,
      reviewNote: null,
      redirectTo: null,
      reviewedBy: null,
      reviewedAt: null,
      cancelReason: null,
      cancelledBy: null,
      cancelledAt: null,
      videoRoom: null,
      checkedInAt: null,
      checkedInBy: null,
      createdBy: booker.channel === 'walk-in' ? booker.principal.userId : 'citizen',
      createdAt: now,
    };

    const waitlistPosition = await this.dayQueue.run(booking.receptionDayId, () =>
      inTransaction(this.dataSource, async (tx) => {
        const position = await this.place(tx, booking, chosen, request.waitlist);
        await this.record(tx, booking, chosen, booker, position, now);
        return position;
      }),
    );
    return {
      bookingId: booking.id,
      bookingCode,
      queryCode,
      status: booking.status as 'booked' | 'waitlisted',
      waitlistPosition,
      receptionDayId: booking.receptionDayId,
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
    };
  }

  /** Holds the slot, or takes a waiting-list place; answers the place (null when held). */
  private async place(
    tx: EntityManager,
    booking: BookingEntity,
    chosen: ChosenSlot,
    waitlist: boolean,
  ): Promise<number | null> {
    booking.status = 'booked'; // again on a retried transaction
    try {
      await withSavepoint(tx, () => this.insert(tx, booking, chosen, true));
      return null;
    } catch (error) {
      const kind = bookingConflictOf(error);
      if (!kind) throw error;
      const slotTaken = kind === 'leader' || kind === 'capacity';
      if (!slotTaken || !waitlist || this.config.WAITLIST_MAX_PER_SLOT === 0) {
        throw conflictException(kind);
      }
      // The day's row lock makes "count the places, then take one" safe under concurrency.
      await tx.query(`SELECT 1 FROM reception_day WHERE id = $1 FOR UPDATE`, [
        booking.receptionDayId,
      ]);
      const [{ waiting, mine }] = await tx.query(
        `SELECT count(*)::int AS waiting,
                count(*) FILTER (WHERE petitioner_id_number_hash = $3)::int AS mine
           FROM booking
          WHERE reception_day_id = $1 AND starts_at = $2 AND status = 'waitlisted'`,
        [booking.receptionDayId, booking.startsAt, booking.petitionerIdNumberHash],
      );
      if (Number(mine) > 0) throw conflictException('already-waitlisted');
      if (Number(waiting) >= this.config.WAITLIST_MAX_PER_SLOT) throw conflictException(kind);
      booking.status = 'waitlisted';
      try {
        await withSavepoint(tx, () => this.insert(tx, booking, chosen, false));
      } catch (again) {
        const second = bookingConflictOf(again);
        throw second ? conflictException(second) : again;
      }
      return Number(waiting) + 1;
    }
  }

  private async insert(
    tx: EntityManager,
    booking: BookingEntity,
    chosen: ChosenSlot,
    holds: boolean,
  ): Promise<void> {
    await tx.insert(BookingEntity, booking);
    const halls: BookingHallEntity[] = [
      {
        bookingId: booking.id,
        hallId: chosen.hall.id,
        role: 'petitioner',
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        holdsSlot: holds,
      },
    ];
    if (chosen.officialHall && chosen.officialHall.id !== chosen.hall.id) {
      halls.push({
        bookingId: booking.id,
        hallId: chosen.officialHall.id,
        role: 'official',
        startsAt: booking.startsAt,
        endsAt: booking.endsAt,
        holdsSlot: holds,
      });
    }
    await tx.insert(BookingHallEntity, halls);
  }

  private async record(
    tx: EntityManager,
    booking: BookingEntity,
    chosen: ChosenSlot,
    booker: Booker,
    position: number | null,
    now: Date,
  ): Promise<void> {
    const status = booking.status as 'booked' | 'waitlisted';
    await this.events.publish(
      tx,
      bookingMadeEvent,
      {
        bookingId: booking.id,
        bookingCode: booking.bookingCode,
        receptionDayId: booking.receptionDayId,
        scheduleId: booking.scheduleId,
        leaderId: booking.leaderId,
        leaderDivisionCode: booking.divisionCode,
        hallId: booking.hallId,
        hallDivisionCode: booking.hallDivisionCode,
        startsAt: booking.startsAt.toISOString(),
        endsAt: booking.endsAt.toISOString(),
        status,
        channel: booking.channel,
        attendees: booking.attendees,
        petitionNumber: booking.petitionNumber,
        kind: booking.matterKind,
        madeAt: now.toISOString(),
      },
      { divisionCode: booking.hallDivisionCode, occurredAt: now },
    );
    await this.notices.add(
      tx,
      booking.id,
      status,
      position === null
        ? noticeTexts.booked(booking.bookingCode, booking.startsAt, chosen.hall.name)
        : noticeTexts.waitlisted(booking.bookingCode, booking.startsAt, position),
      now,
    );
    await this.audit.record(
      {
        action: 'booking.made',
        outcome: 'success',
        actor: booker.channel === 'walk-in' ? actorOf(booker.principal) : CITIZEN_ACTOR,
        target: { type: 'booking', id: booking.id },
        divisionCode: booking.hallDivisionCode,
        details: { bookingCode: booking.bookingCode, status, channel: booking.channel },
      },
      tx,
    );
  }
}
