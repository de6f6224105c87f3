import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  VideoReceptionErrorCodes as Codes,
  type PublishScheduleRequest,
  type ScheduleResponse,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import { coversDivision, type Principal } from '@minsheng/auth';
import { isWithinJurisdiction } from '@minsheng/domain';
import { Clock } from '../clock.js';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { badRequest, forbidden } from '../video-reception.errors.js';
import { ReceptionDayEntity } from './reception-day.entity.js';
import { ReceptionScheduleEntity } from './reception-schedule.entity.js';
import { assertWindowFits } from './reception-window.js';
import { InvalidRecurrenceError, expandRecurrence, type Occurrence } from './recurrence.js';
import { ScheduleAccess, assertMayActFor } from './schedule-access.js';
import { toScheduleResponse } from './schedule.mapper.js';

const MAX_RECEPTION_DAYS = 366;

/**
 * Publishes a leader's reception days (接访日): checks the window, slots, capacity and halls,
 * expands the recurrence (holidays and exceptions applied) and stores each day as instants.
 */
@Injectable()
export class PublishScheduleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ScheduleAccess,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig,
  ) {}

  async execute(principal: Principal, request: PublishScheduleRequest): Promise<ScheduleResponse> {
    if (!coversDivision(principal, request.divisionCode)) {
      throw forbidden('不能为管辖范围以外的领导安排接访日');
    }
    assertMayActFor(principal, request.leader.id);
    const slots = assertWindowFits(request.window, request.slotMinutes);
    for (const exception of request.exceptions) {
      if (exception.action !== 'skip' && exception.window) {
        assertWindowFits(exception.window, request.slotMinutes);
      }
    }
    const capacity = request.capacity ?? slots;
    if (capacity > slots) {
      throw badRequest(Codes.invalidWindow, `每日接访量 ${capacity} 超过了时段数 ${slots}`);
    }
    const halls = await this.access.halls([
      ...request.hallIds,
      ...(request.officialHallId ? [request.officialHallId] : []),
    ]);
    for (const id of [
      ...request.hallIds,
      ...(request.officialHallId ? [request.officialHallId] : []),
    ]) {
      const hall = halls.get(id);
      if (!hall || !hall.active || !isWithinJurisdiction(request.divisionCode, hall.divisionCode)) {
        throw badRequest(Codes.unknownHall, `接访厅 ${id} 不存在、已停用或不在该领导的辖区内`);
      }
    }

    let expanded;
    try {
      expanded = expandRecurrence(
        {
          startDate: request.recurrence.startDate,
          rule: request.recurrence.rule ?? null,
          untilDate: request.recurrence.untilDate ?? null,
          count: request.recurrence.count ?? null,
          skipPublicHolidays: request.recurrence.skipPublicHolidays,
          window: request.window,
          exceptions: request.exceptions,
        },
        this.config.calendar,
        { maxOccurrences: MAX_RECEPTION_DAYS },
      );
    } catch (error) {
      if (!(error instanceof InvalidRecurrenceError)) throw error;
      throw badRequest(Codes.invalidRecurrence, error.message);
    }
    const now = this.clock.now();
    const upcoming = expanded.occurrences.filter((o) => o.startsAt.getTime() > now.getTime());
    const past = expanded.occurrences
      .filter((o) => o.startsAt.getTime() <= now.getTime())
      .map((o) => ({ date: o.date, reason: 'past' as const }));
    if (upcoming.length === 0) throw badRequest(Codes.noReceptionDays, '该安排没有今后的接访日');

    const schedule: ReceptionScheduleEntity = {
      id: randomUUID(),
      leaderId: request.leader.id,
      leaderName: request.leader.name,
      leaderTitle: request.leader.title,
      divisionCode: request.divisionCode,
      title: request.title ?? `${request.leader.name}${request.leader.title}接访日`,
      startTime: request.window.startTime,
      endTime: request.window.endTime,
      slotMinutes: request.slotMinutes,
      capacity,
      hallIds: [...new Set(request.hallIds)],
      officialHallId: request.officialHallId ?? null,
      kinds: [...new Set(request.kinds)],
      topics: request.topics,
      startDate: request.recurrence.startDate,
      recurrenceRule: request.recurrence.rule?.toUpperCase() ?? null,
      untilDate: request.recurrence.untilDate ?? null,
      occurrenceCount: request.recurrence.count ?? null,
      skipPublicHolidays: request.recurrence.skipPublicHolidays,
      exceptions: request.exceptions,
      createdBy: principal.userId,
      createdAt: now,
    };
    const days = upcoming.map((o) => receptionDayOf(schedule, o));
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(ReceptionScheduleEntity, schedule);
      await tx.insert(ReceptionDayEntity, days);
      await this.audit.record(
        {
          action: 'schedule.published',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'reception-schedule', id: schedule.id },
          divisionCode: schedule.divisionCode,
          details: {
            leaderId: schedule.leaderId,
            rule: schedule.recurrenceRule,
            days: days.length,
            skipped: expanded.skipped.length,
          },
        },
        tx,
      );
    });
    return toScheduleResponse(
      schedule,
      days.map((d) => ({ ...d, heldCount: 0 })),
      halls,
      [...expanded.skipped, ...past].sort((a, b) => a.date.localeCompare(b.date)),
    );
  }
}

/** A reception day of a schedule; its capacity never exceeds the slots of its own window. */
export function receptionDayOf(
  schedule: ReceptionScheduleEntity,
  occurrence: Occurrence,
): ReceptionDayEntity {
  const slots = assertWindowFits(occurrence.window, schedule.slotMinutes);
  return {
    id: randomUUID(),
    scheduleId: schedule.id,
    day: occurrence.date,
    startsAt: occurrence.startsAt,
    endsAt: occurrence.endsAt,
    leaderId: schedule.leaderId,
    divisionCode: schedule.divisionCode,
    slotMinutes: schedule.slotMinutes,
    capacity: Math.min(schedule.capacity, slots),
    heldCount: 0,
    status: 'open',
    cancelReason: null,
  };
}
