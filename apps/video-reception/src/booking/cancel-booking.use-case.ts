import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingResponse, CancelBookingRequest } from '@minsheng/contracts';
import { actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { Clock } from '../clock.js';
import { BookingAccess } from './booking-access.js';
import { BookingLifecycle } from './booking-lifecycle.js';
import { BookingViews } from './booking-views.js';

/** Staff cancel a booking with a reason; the freed slot goes to the waiting list at once. */
@Injectable()
export class CancelBookingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly lifecycle: BookingLifecycle,
    private readonly views: BookingViews,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: CancelBookingRequest,
  ): Promise<BookingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.access.load(principal, id, { tx });
      await this.lifecycle.cancel(tx, booking, {
        reason: request.reason,
        by: 'staff',
        actor: actorOf(principal),
        now: this.clock.now(),
        promote: true,
      });
      return this.views.view(tx, booking);
    });
  }
}
