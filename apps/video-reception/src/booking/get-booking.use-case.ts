import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { BookingAccess } from './booking-access.js';
import { BookingViews } from './booking-views.js';

/** A booking for staff of its jurisdiction, personal data masked; every view is audited. */
@Injectable()
export class GetBookingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly views: BookingViews,
  ) {}

  async execute(principal: Principal, id: string): Promise<BookingResponse> {
    const booking = await this.access.load(principal, id, { viewAction: 'booking.viewed' });
    return this.views.view(this.dataSource.manager, booking);
  }
}
