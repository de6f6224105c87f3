import type { ReceptionDayResponse, ScheduleResponse } from '@minsheng/contracts';
import type { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import type { ReceptionDayEntity } from './reception-day.entity.js';
import type { ReceptionScheduleEntity } from './reception-schedule.entity.js';
import type { SkippedDate } from './recurrence.js';

export type SlotAvailability = NonNullable<ReceptionDayResponse['slots']>;

export function toReceptionDayResponse(
  day: ReceptionDayEntity,
  schedule: ReceptionScheduleEntity,
  halls: ReadonlyMap<string, ReceptionHallEntity>,
  slots?: SlotAvailability,
): ReceptionDayResponse {
  return {
    id: day.id,
    scheduleId: schedule.id,
    date: day.day,
    startsAt: day.startsAt.toISOString(),
    endsAt: day.endsAt.toISOString(),
    status: day.status,
    cancelReason: day.cancelReason,
    leader: { id: schedule.leaderId, name: schedule.leaderName, title: schedule.leaderTitle },
    divisionCode: schedule.divisionCode,
    title: schedule.title,
    slotMinutes: day.slotMinutes,
    capacity: day.capacity,
    booked: day.heldCount,
    kinds: schedule.kinds,
    topics: schedule.topics,
    halls: schedule.hallIds.flatMap((id) => {
      const hall = halls.get(id);
      return hall
        ? [{ id: hall.id, name: hall.name, divisionCode: hall.divisionCode, address: hall.address }]
        : [];
    }),
    ...(slots ? { slots } : {}),
  };
}

export function toScheduleResponse(
  schedule: ReceptionScheduleEntity,
  days: readonly ReceptionDayEntity[],
  halls: ReadonlyMap<string, ReceptionHallEntity>,
  skipped: ReadonlyArray<SkippedDate | { date: string; reason: 'past' }> = [],
): ScheduleResponse {
  return {
    id: schedule.id,
    leader: { id: schedule.leaderId, name: schedule.leaderName, title: schedule.leaderTitle },
    divisionCode: schedule.divisionCode,
    title: schedule.title,
    window: { startTime: schedule.startTime, endTime: schedule.endTime },
    slotMinutes: schedule.slotMinutes,
    capacity: schedule.capacity,
    hallIds: schedule.hallIds,
    officialHallId: schedule.officialHallId,
    kinds: schedule.kinds,
    topics: schedule.topics,
    recurrence: {
      startDate: schedule.startDate,
      rule: schedule.recurrenceRule,
      untilDate: schedule.untilDate,
      count: schedule.occurrenceCount,
      skipPublicHolidays: schedule.skipPublicHolidays,
    },
    exceptions: schedule.exceptions,
    receptionDays: [...days]
      .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
      .map((day) => toReceptionDayResponse(day, schedule, halls)),
    skipped: [...skipped],
  };
}
