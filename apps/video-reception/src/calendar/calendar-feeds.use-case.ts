import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { coversDivision, type Principal } from '@minsheng/auth';
import { ScheduleAccess } from '../schedule/schedule-access.js';
import { Clock } from '../clock.js';
import { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import { ReceptionScheduleEntity } from '../schedule/reception-schedule.entity.js';
import { notFound } from '../video-reception.errors.js';
import { buildCalendarFeed, type FeedDay, type FeedSession } from './calendar-feed.js';

const PAST_DAYS = 90;

const DAY_COLUMNS = `d.id, s.title, s.leader_name AS "leaderName", d.starts_at AS "startsAt",
  d.ends_at AS "endsAt", d.status, d.cancel_reason AS "cancelReason", d.held_count AS "heldCount",
  d.capacity`;

const SESSION_COLUMNS = `b.id, b.booking_code AS "bookingCode", b.status, s.leader_name AS "leaderName",
  b.starts_at AS "startsAt", b.ends_at AS "endsAt", b.created_at AS "createdAt",
  ARRAY(SELECT h.name FROM booking_hall bh JOIN reception_hall h ON h.id = bh.hall_id
         WHERE bh.booking_id = b.id ORDER BY bh.role, h.name) AS "hallNames"`;

/** The `.ics` feeds of a leader and of a hall, for staff whose jurisdiction covers them. */
@Injectable()
export class CalendarFeedsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schedules: ScheduleAccess,
    private readonly clock: Clock,
  ) {}

  /** The leader's reception days and sessions in the schedules the caller may see; 404 if none. */
  async leader(principal: Principal, leaderId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const all = await manager.findBy(ReceptionScheduleEntity, { leaderId });
    const halls = await this.schedules.halls(all.flatMap((s) => s.hallIds));
    const visible = all.filter((s) => this.schedules.canSee(principal, s, halls));
    if (visible.length === 0) throw notFound('未找到该领导的接访安排');
    const now = this.clock.now();
    const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const ids = visible.map((s) => s.id);
    const days: FeedDay[] = await manager.query(
      `SELECT ${DAY_COLUMNS} FROM reception_day d JOIN reception_schedule s ON s.id = d.schedule_id
        WHERE d.schedule_id = ANY($1::uuid[]) AND d.ends_at >= $2 ORDER BY d.starts_at`,
      [ids, since],
    );
    const sessions: FeedSession[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM booking b JOIN reception_schedule s ON s.id = b.schedule_id
        WHERE b.schedule_id = ANY($1::uuid[]) AND b.holds_slot AND b.ends_at >= $2 ORDER BY b.starts_at`,
      [ids, since],
    );
    return buildCalendarFeed(`${visible[0].leaderName} · 视频接访`, days, sessions, now);
  }

  /** The sessions held in a hall, and the reception days that may connect it. */
  async hall(principal: Principal, hallId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const isUuid = /^[0-9a-f-]{36}$/i.test(hallId);
    const hall = isUuid ? await manager.findOneBy(ReceptionHallEntity, { id: hallId }) : null;
    if (!hall || !coversDivision(principal, hall.divisionCode)) throw notFound('未找到该接访厅');
    const now = this.clock.now();
    const since = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const days: FeedDay[] = await manager.query(
      `SELECT ${DAY_COLUMNS} FROM reception_day d JOIN reception_schedule s ON s.id = d.schedule_id
        WHERE $1::uuid = ANY(s.hall_ids) AND d.ends_at >= $2 ORDER BY d.starts_at`,
      [hall.id, since],
    );
    const sessions: FeedSession[] = await manager.query(
      `SELECT ${SESSION_COLUMNS} FROM booking b JOIN reception_schedule s ON s.id = b.schedule_id
        WHERE b.holds_slot AND b.ends_at >= $2
          AND EXISTS (SELECT 1 FROM booking_hall x WHERE x.booking_id = b.id AND x.hall_id = $1)
        ORDER BY b.starts_at`,
      [hall.id, since],
    );
    return buildCalendarFeed(`${hall.name} · 视频接访`, days, sessions, now);
  }
}
