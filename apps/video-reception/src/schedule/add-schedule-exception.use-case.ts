import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  VideoReceptionErrorCodes as Codes,
  type AddScheduleExceptionRequest,
  type ScheduleResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { BookingLifecycle } from '../booking/booking-lifecycle.js';
import { BookingEntity } from '../booking/booking.entity.js';
import { Clock } from '../clock.js';
import { badRequest, conflict } from '../video-reception.errors.js';
import { GetScheduleUseCase } from './get-schedule.use-case.js';
import { receptionDayOf } from './publish-schedule.use-case.js';
import { ReceptionDayEntity } from './reception-day.entity.js';
import { ReceptionScheduleEntity } from './reception-schedule.entity.js';
import { assertWindowFits } from './reception-window.js';
import { chinaInstant } from './recurrence.js';
import { ScheduleAccess } from './schedule-access.js';

/**
 * An exception after publication: `skip` cancels a reception day and every booking on it (each
 * petitioner is told why); `add` holds an extra day.
 */
@Injectable()
export class AddScheduleExceptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ScheduleAccess,
    private readonly lifecycle: BookingLifecycle,
    private readonly getSchedule: GetScheduleUseCase,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    id: string,
    request: AddScheduleExceptionRequest,
  ): Promise<ScheduleResponse> {
    await this.access.forChange(principal, id);
    const now = this.clock.now();
    await inTransaction(this.dataSource, async (tx) => {
      const schedule = await tx
        .getRepository(ReceptionScheduleEntity)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.id = :id', { id })
        .getOneOrFail();
      const existing = await tx.findOneBy(ReceptionDayEntity, {
        scheduleId: id,
        day: request.date,
      });
      let details: Record<string, unknown> = { action: request.action, date: request.date };
      if (request.action === 'skip') {
        if (
          !existing ||
          existing.status !== 'open' ||
          existing.startsAt.getTime() <= now.getTime()
        ) {
          throw badRequest(Codes.invalidRecurrence, `${request.date} 不是本安排今后的接访日`);
        }
        await tx.update(
          ReceptionDayEntity,
          { id: existing.id },
          { status: 'cancelled', cancelReason: request.reason },
        );
        const bookings = await tx
          .getRepository(BookingEntity)
          .createQueryBuilder('b')
          .setLock('pessimistic_write')
          .where('b.receptionDayId = :dayId', { dayId: existing.id })
          .andWhere('b.status IN (:...statuses)', {
            statuses: ['booked', 'confirmed', 'waitlisted'],
          })
          .getMany();
        for (const booking of bookings) {
          await this.lifecycle.cancel(tx, booking, {
            reason: `接访日取消：${request.reason}`,
            by: 'schedule',
            actor: actorOf(principal),
            now,
            promote: false,
          });
        }
        details = { ...details, cancelledBookings: bookings.length };
      } else {
        if (existing) throw conflict(Codes.receptionDayExists, `${request.date} 已有接访日`);
        const window = request.window ?? {
          startTime: schedule.startTime,
          endTime: schedule.endTime,
        };
        assertWindowFits(window, schedule.slotMinutes);
        const startsAt = chinaInstant(request.date, window.startTime);
        if (startsAt.getTime() <= now.getTime()) {
          throw badRequest(Codes.noReceptionDays, '只能增加今后的接访日');
        }
        await tx.insert(
          ReceptionDayEntity,
          receptionDayOf(schedule, {
            date: request.date,
            window,
            startsAt,
            endsAt: chinaInstant(request.date, window.endTime),
          }),
        );
      }
      await tx.update(
        ReceptionScheduleEntity,
        { id },
        { exceptions: [...schedule.exceptions, request] },
      );
      await this.audit.record(
        {
          action: 'schedule.exception-added',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'reception-schedule', id },
          divisionCode: schedule.divisionCode,
          details,
        },
        tx,
      );
    });
    return this.getSchedule.execute(principal, id);
  }
}
