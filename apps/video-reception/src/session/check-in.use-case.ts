import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VideoReceptionErrorCodes as Codes, type BookingResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { BookingAccess } from '../booking/booking-access.js';
import { BookingViews } from '../booking/booking-views.js';
import { BookingEntity } from '../booking/booking.entity.js';
import { Clock } from '../clock.js';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { conflict, invalidState } from '../video-reception.errors.js';

/** The petitioner arrived at the hall: the hall's clerk checks them in, around the slot only. */
@Injectable()
export class CheckInUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: BookingAccess,
    private readonly views: BookingViews,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {}

  async execute(principal: Principal, id: string): Promise<BookingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const booking = await this.access.load(principal, id, { tx });
      this.access.assertHall(principal, booking);
      if (booking.status !== 'confirmed') throw invalidState('只有审核通过的预约可以签到');
      const now = this.clock.now();
      const opens = booking.startsAt.getTime() - this.config.CHECK_IN_OPENS_MINUTES_BEFORE * 60_000;
      if (now.getTime() < opens || now.getTime() >= booking.endsAt.getTime()) {
        throw conflict(Codes.outsideSessionWindow, '不在签到时间内');
      }
      const changes = {
        status: 'checked-in' as const,
        checkedInAt: now,
        checkedInBy: principal.userId,
      };
      await tx.update(BookingEntity, { id: booking.id }, changes);
      Object.assign(booking, changes);
      await this.audit.record(
        {
          action: 'booking.checked-in',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'booking', id: booking.id },
          divisionCode: booking.hallDivisionCode,
          details: { bookingCode: booking.bookingCode },
        },
        tx,
      );
      return this.views.view(tx, booking);
    });
  }
}
