import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingResponse, RescheduleBookingRequest } from '@minsheng/contracts';
import { actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { BookingAccess } from './booking-access.js';
import { BookingViews } from './booking-views.js';
import { RescheduleBooking } from './reschedule-booking.js';

/** Staff move a booking to another slot, with the reason. */
@Injectable()
export class RescheduleBookingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly reschedule: RescheduleBooking,
    private readonly views: BookingViews,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: RescheduleBookingRequest,
  ): Promise<BookingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.access.load(principal, id, { tx });
      await this.reschedule.execute(
        tx,
        booking,
        request,
        { kind: 'staff', actor: actorOf(principal) },
        this.clock.now(),
      );
      return this.views.view(tx, booking);
    });
  }
}
