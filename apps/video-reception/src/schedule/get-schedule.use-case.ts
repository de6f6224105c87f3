import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ScheduleResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { notFound } from '../video-reception.errors.js';
import { ReceptionDayEntity } from './reception-day.entity.js';
import { ReceptionScheduleEntity } from './reception-schedule.entity.js';
import { ScheduleAccess } from './schedule-access.js';
import { toScheduleResponse } from './schedule.mapper.js';

/** A schedule and its reception days, for staff of the office's or a hall's jurisdiction. */
@Injectable()
export class GetScheduleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ScheduleAccess,
  ) {}

  async execute(principal: Principal, id: string): Promise<ScheduleResponse> {
    const isUuid = /^[0-9a-f-]{36}$/i.test(id);
    const schedule = isUuid
      ? await this.dataSource.getRepository(ReceptionScheduleEntity).findOneBy({ id })
      : null;
    const halls = await this.access.halls([
      ...(schedule?.hallIds ?? []),
      ...(schedule?.officialHallId ? [schedule.officialHallId] : []),
    ]);
    if (!schedule || !this.access.canSee(principal, schedule, halls)) {
      throw notFound('未找到该接访安排');
    }
    const days = await this.dataSource
      .getRepository(ReceptionDayEntity)
      .find({ where: { scheduleId: id }, order: { startsAt: 'ASC' } });
    return toScheduleResponse(schedule, days, halls);
  }
}
