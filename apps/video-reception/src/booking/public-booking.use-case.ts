import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  PublicBookingResponse,
  PublicCancelBookingRequest,
  PublicRescheduleBookingRequest,
} from '@minsheng/contracts';
import { AuditTrail, CITIZEN_ACTOR } from '@minsheng/audit';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import { BookingLifecycle } from './booking-lifecycle.js';
import { BookingViews } from './booking-views.js';
import type { BookingEntity } from './booking.entity.js';
import { PublicBookingLookup } from './public-booking-lookup.js';
import { toPublicBookingResponse } from './public-booking.mapper.js';
import { RescheduleBooking } from './reschedule-booking.js';

/** What a petitioner does with the booking code and query code: look, cancel, move. */
@Injectable()
export class PublicBookingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: PublicBookingLookup,
    private readonly views: BookingViews,
    private readonly lifecycle: BookingLifecycle,
    private readonly reschedule: RescheduleBooking,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async status(bookingCode: string, queryCode: string): Promise<PublicBookingResponse> {
    const manager = this.dataSource.manager;
    const booking = await this.lookup.find(manager, bookingCode, queryCode);
    await this.audit.record({
      action: 'booking.viewed-by-petitioner',
      outcome: 'success',
      actor: CITIZEN_ACTOR,
      target: { type: 'booking', id: booking.id },
      divisionCode: booking.hallDivisionCode,
      details: { bookingCode: booking.bookingCode },
    });
    return this.answer(manager, booking);
  }

  async cancel(
    bookingCode: string,
    request: PublicCancelBookingRequest,
  ): Promise<PublicBookingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.lookup.find(tx, bookingCode, request.queryCode, { lock: true });
      await this.lifecycle.cancel(tx, booking, {
        reason: request.reason,
        by: 'petitioner',
        actor: CITIZEN_ACTOR,
        now: this.clock.now(),
        promote: true,
      });
      return this.answer(tx, booking);
    });
  }

  async move(
    bookingCode: string,
    request: PublicRescheduleBookingRequest,
  ): Promise<PublicBookingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.lookup.find(tx, bookingCode, request.queryCode, { lock: true });
      await this.reschedule.execute(
        tx,
        booking,
        request,
        { kind: 'petitioner', actor: CITIZEN_ACTOR },
        this.clock.now(),
      );
      return this.answer(tx, booking);
    });
  }

  private async answer(
    manager: EntityManager,
    booking: BookingEntity,
  ): Promise<PublicBookingResponse> {
    const [schedule, hall, position] = await Promise.all([
      this.views.schedule(manager, booking),
      manager.findOneByOrFail(ReceptionHallEntity, { id: booking.hallId }),
      this.views.waitlistPosition(manager, booking),
    ]);
    return toPublicBookingResponse(booking, schedule, hall, position);
  }
}
