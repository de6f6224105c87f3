import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BookingListResponse } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { ReceptionDayEntity } from '../schedule/reception-day.entity.js';
import { ScheduleAccess } from '../schedule/schedule-access.js';
import { ReceptionScheduleEntity } from '../schedule/reception-schedule.entity.js';
import { notFound } from '../video-reception.errors.js';
import { BookingAccess } from './booking-access.js';
import { BookingViews } from './booking-views.js';
import { BookingEntity } from './booking.entity.js';

/** The bookings of one reception day that the caller may see, in slot and waiting order; audited. */
@Injectable()
export class ListDayBookingsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schedules: ScheduleAccess,
    private readonly access: BookingAccess,
    private readonly views: BookingViews,
    private readonly audit: AuditTrail,
  ) {}

  async execute(principal: Principal, dayId: string): Promise<BookingListResponse> {
    const manager = this.dataSource.manager;
    const isUuid = /^[0-9a-f-]{36}$/i.test(dayId);
    const day = isUuid ? await manager.findOneBy(ReceptionDayEntity, { id: dayId }) : null;
    const schedule = day
      ? await manager.findOneByOrFail(ReceptionScheduleEntity, { id: day.scheduleId })
      : null;
    const halls = schedule ? await this.schedules.halls(schedule.hallIds) : new Map();
    if (!day || !schedule || !this.schedules.canSee(principal, schedule, halls)) {
      throw notFound('未找到该接访日');
    }
    const bookings = (
      await manager
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .where('b.receptionDayId = :dayId', { dayId })
        .orderBy('b.startsAt', 'ASC')
        .addOrderBy('b.createdAt', 'ASC')
        .getMany()
    ).filter((b) => this.access.canSee(principal, b));
    await this.audit.record({
      action: 'reception-day.bookings-viewed',
      outcome: 'success',
      actor: actorOf(principal),
      target: { type: 'reception-day', id: day.id },
      divisionCode: day.divisionCode,
      details: { bookings: bookings.length },
    });
    const items = [];
    for (const booking of bookings) items.push(await this.views.view(manager, booking));
    return { items };
  }
}
