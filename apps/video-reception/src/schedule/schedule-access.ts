import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { coversDivision, hasAnyRole, type Principal } from '@minsheng/auth';
import { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import { forbidden, notFound } from '../video-reception.errors.js';
import { ReceptionScheduleEntity } from './reception-schedule.entity.js';

/**
 * Who may see and change a schedule. Seeing: staff whose jurisdiction covers the leader's office
 * or one of its halls. Changing: the office's staff, or the leader in person; anyone else gets
 * 404, so a schedule's existence does not leak outside its jurisdiction.
 */
@Injectable()
export class ScheduleAccess {
  constructor(private readonly dataSource: DataSource) {}

  async halls(ids: readonly string[]): Promise<Map<string, ReceptionHallEntity>> {
    if (ids.length === 0) return new Map();
    const halls = await this.dataSource
      .getRepository(ReceptionHallEntity)
      .findBy({ id: In([...new Set(ids)]) });
    return new Map(halls.map((h) => [h.id, h]));
  }

  canSee(
    principal: Principal,
    schedule: ReceptionScheduleEntity,
    halls: ReadonlyMap<string, ReceptionHallEntity>,
  ): boolean {
    return (
      coversDivision(principal, schedule.divisionCode) ||
      schedule.hallIds.some((id) => {
        const hall = halls.get(id);
        return hall !== undefined && coversDivision(principal, hall.divisionCode);
      })
    );
  }

  /** The schedule for a change by `principal`, or 404/403. */
  async forChange(principal: Principal, id: string): Promise<ReceptionScheduleEntity> {
    const schedule = await this.dataSource.getRepository(ReceptionScheduleEntity).findOneBy({ id });
    if (!schedule || !coversDivision(principal, schedule.divisionCode)) {
      throw notFound('未找到该接访安排');
    }
    assertMayActFor(principal, schedule.leaderId);
    return schedule;
  }
}

/** A caller who is only a leader publishes and changes their own reception days. */
export function assertMayActFor(principal: Principal, leaderId: string): void {
  if (hasAnyRole(principal, ['clerk', 'supervisor'])) return;
  if (principal.userId !== leaderId) throw forbidden('领导只能安排本人的接访日');
}
