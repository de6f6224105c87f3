import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  VideoReceptionErrorCodes as Codes,
  bookingReviewedEvent,
  type BookingResponse,
  type ReviewBookingRequest,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import { BookingNotices } from '../notification/booking-notices.js';
import { noticeTexts } from '../notification/notice-texts.js';
import { VideoProvider } from '../video/video-provider.js';
import { badRequest, invalidState } from '../video-reception.errors.js';
import { BookingAccess } from './booking-access.js';
import { bookingConflictOf, conflictException } from './booking-conflicts.js';
import { BookingHallEntity } from './booking-hall.entity.js';
import { BookingViews } from './booking-views.js';
import { BookingEntity } from './booking.entity.js';
import { withSavepoint } from './savepoint.js';
import { WaitingList } from './waiting-list.js';

/**
 * 审查分流: the leader's office checks a booked matter belongs to the leader's remit. Approving
 * confirms it (further halls may join, each held like the first), provisions the video room and
 * queues the reminders; redirecting or declining frees the slot for the waiting list.
 */
@Injectable()
export class ReviewBookingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly views: BookingViews,
    private readonly video: VideoProvider,
    private readonly notices: BookingNotices,
    private readonly waitingList: WaitingList,
    private readonly events: EventPublisher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: ReviewBookingRequest,
  ): Promise<BookingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.access.load(principal, id, { tx });
      this.access.assertLeaderOffice(principal, booking);
      if (booking.status !== 'booked') throw invalidState('只有待审核的预约可以审查分流');
      const now = this.clock.now();
      const review = {
        reviewDecision: request.decision,
        reviewNote: request.note ?? null,
        redirectTo: request.decision === 'redirect' ? request.redirectTo : null,
        reviewedBy: principal.userId,
        reviewedAt: now,
      };
      if (request.decision === 'approve') {
        await this.approve(tx, booking, request.joiningHallIds, review, now);
      } else {
        const status = request.decision === 'redirect' ? 'redirected' : 'declined';
        await tx.update(BookingEntity, { id: booking.id }, { status, ...review });
        Object.assign(booking, { status, ...review });
        await this.notices.add(
          tx,
          booking.id,
          status,
          request.decision === 'redirect'
            ? noticeTexts.redirected(booking.bookingCode, request.redirectTo)
            : noticeTexts.declined(booking.bookingCode),
          now,
        );
        await this.waitingList.promote(tx, booking.receptionDayId, now);
      }
      await this.events.publish(
        tx,
        bookingReviewedEvent,
        {
          bookingId: booking.id,
          bookingCode: booking.bookingCode,
          decision: request.decision,
          redirectTo: booking.redirectTo,
          leaderId: booking.leaderId,
          leaderDivisionCode: booking.divisionCode,
          reviewedAt: now.toISOString(),
        },
        { divisionCode: booking.hallDivisionCode, occurredAt: now },
      );
      await this.audit.record(
        {
          action: 'booking.reviewed',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'booking', id: booking.id },
          divisionCode: booking.hallDivisionCode,
          details: { bookingCode: booking.bookingCode, decision: request.decision },
        },
        tx,
      );
      return this.views.view(tx, booking);
    });
  }

  private async approve(
    tx: EntityManager,
    booking: BookingEntity,
    joiningHallIds: readonly string[],
    review: Partial<BookingEntity>,
    now: Date,
  ): Promise<void> {
    const schedule = await this.views.schedule(tx, booking);
    const present = new Set((await this.views.halls(tx, booking.id)).map((h) => h.id));
    const joining = [...new Set(joiningHallIds)].filter((id) => !present.has(id));
    const halls = joining.length ? await tx.findBy(ReceptionHallEntity, { id: In(joining) }) : [];
    for (const id of joining) {
      const hall = halls.find((h) => h.id === id);
      const connectable = schedule.hallIds.includes(id) || schedule.officialHallId === id;
      if (!hall || !hall.active || !connectable) {
        throw badRequest(Codes.hallNotConnected, `接访厅 ${id} 不能连线本接访日`);
      }
    }
    try {
      await withSavepoint(tx, async () => {
        for (const hall of halls) {
          await tx.insert(BookingHallEntity, {
            bookingId: booking.id,
            hallId: hall.id,
            role: 'joining',
            startsAt: booking.startsAt,
            endsAt: booking.endsAt,
            holdsSlot: true,
          });
        }
      });
    } catch (error) {
      const kind = bookingConflictOf(error);
      throw kind ? conflictException(kind) : error;
    }
    const room = await this.video.provisionRoom(booking);
    const changes = { status: 'confirmed' as const, videoRoom: room.room, ...review };
    await tx.update(BookingEntity, { id: booking.id }, changes);
    Object.assign(booking, changes);
    const hallName = (await tx.findOneByOrFail(ReceptionHallEntity, { id: booking.hallId })).name;
    await this.notices.add(
      tx,
      booking.id,
      'confirmed',
      noticeTexts.confirmed(booking.bookingCode, booking.startsAt, hallName),
      now,
    );
    await this.notices.scheduleReminders(tx, booking, hallName, now);
  }
}
