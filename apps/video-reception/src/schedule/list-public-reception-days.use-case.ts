import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ListReceptionDaysQuery, ReceptionDayListResponse } from '@minsheng/contracts';
import { chinaDateOf, isWithinJurisdiction } from '@minsheng/domain';
import { Clock } from '../clock.js';
import { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import { ReceptionDayEntity } from './reception-day.entity.js';
import { ReceptionScheduleEntity } from './reception-schedule.entity.js';
import { toReceptionDayResponse, type SlotAvailability } from './schedule.mapper.js';
import { slotsOf } from './slot-grid.js';

const DEFAULT_DAYS = 60;
const MAX_ITEMS = 200;

/**
 * What a petitioner can book: open reception days that can connect a hall in their division,
 * with each slot's availability. Only halls in that division are listed.
 */
@Injectable()
export class ListPublicReceptionDaysUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(query: ListReceptionDaysQuery): Promise<ReceptionDayListResponse> {
    const manager = this.dataSource.manager;
    const now = this.clock.now();
    const from = query.from ?? chinaDateOf(now);
    const to =
      query.to ??
      chinaDateOf(new Date(new Date(`${from}T00:00:00Z`).getTime() + DEFAULT_DAYS * 86_400_000));
    const halls = (await manager.findBy(ReceptionHallEntity, { active: true })).filter((h) =>
      isWithinJurisdiction(query.divisionCode, h.divisionCode),
    );
    if (halls.length === 0) return { items: [] };
    const ids: Array<{ id: string }> = await manager.query(
      `SELECT d.id FROM reception_day d JOIN reception_schedule s ON s.id = d.schedule_id
        WHERE d.status = 'open' AND d.ends_at > $1 AND d.day BETWEEN $2::date AND $3::date
          AND s.hall_ids && $4::uuid[]
        ORDER BY d.starts_at LIMIT ${MAX_ITEMS}`,
      [now, from, to, halls.map((h) => h.id)],
    );
    if (ids.length === 0) return { items: [] };
    const days = await manager.find(ReceptionDayEntity, {
      where: { id: In(ids.map((r) => r.id)) },
      order: { startsAt: 'ASC' },
    });
    const schedules = new Map(
      (
        await manager.findBy(ReceptionScheduleEntity, {
          id: In([...new Set(days.map((d) => d.scheduleId))]),
        })
      ).map((s) => [s.id, s]),
    );
    const usage: Array<{
      reception_day_id: string;
      starts_at: Date;
      held: number;
      waiting: number;
    }> = await manager.query(
      `SELECT reception_day_id, starts_at,
                count(*) FILTER (WHERE holds_slot)::int AS held,
                count(*) FILTER (WHERE status = 'waitlisted')::int AS waiting
           FROM booking WHERE reception_day_id = ANY($1::uuid[])
          GROUP BY reception_day_id, starts_at`,
      [days.map((d) => d.id)],
    );
    const usageOf = (dayId: string, startsAt: Date) =>
      usage.find(
        (u) => u.reception_day_id === dayId && u.starts_at.getTime() === startsAt.getTime(),
      );
    const hallMap = new Map(halls.map((h) => [h.id, h]));
    return {
      items: days.map((day) => {
        const slots: SlotAvailability = slotsOf(day).map((slot) => {
          const used = usageOf(day.id, slot.startsAt);
          return {
            startsAt: slot.startsAt.toISOString(),
            endsAt: slot.endsAt.toISOString(),
            available:
              !used?.held &&
              day.heldCount < day.capacity &&
              slot.startsAt.getTime() > now.getTime(),
            waitlisted: used?.waiting ?? 0,
          };
        });
        return toReceptionDayResponse(day, schedules.get(day.scheduleId)!, hallMap, slots);
      }),
    };
  }
}
