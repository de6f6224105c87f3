import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { VideoReceptionErrorCodes as Codes, type ComplaintKind } from '@minsheng/contracts';
import { ReceptionHallEntity } from '../hall/reception-hall.entity.js';
import { ReceptionDayEntity } from '../schedule/reception-day.entity.js';
import { ReceptionScheduleEntity } from '../schedule/reception-schedule.entity.js';
import { findSlot, type Slot } from '../schedule/slot-grid.js';
import { badRequest, conflict, notFound } from '../video-reception.errors.js';

export interface ChosenSlot {
  day: ReceptionDayEntity;
  schedule: ReceptionScheduleEntity;
  slot: Slot;
  hall: ReceptionHallEntity;
  officialHall: ReceptionHallEntity | null;
}

/**
 * Checks a choice of reception day, slot and hall before anything is written: an open day, a
 * slot of its grid that has not started, a hall that may connect, a kind the day accepts.
 * Whether the slot is free is not checked here: that is the database's answer on insert.
 */
@Injectable()
export class SlotChoice {
  async resolve(
    manager: EntityManager,
    choice: { receptionDayId: string; slotStartsAt: string; hallId: string; kind?: ComplaintKind },
    now: Date,
  ): Promise<ChosenSlot> {
    const day = await manager.findOneBy(ReceptionDayEntity, { id: choice.receptionDayId });
    if (!day) throw notFound('未找到该接访日');
    if (day.status !== 'open') throw conflict(Codes.receptionDayCancelled, '该接访日已取消');
    const slot = findSlot(day, new Date(choice.slotStartsAt));
    if (!slot) throw badRequest(Codes.unknownSlot, '该时间不是本接访日的预约时段');
    if (slot.startsAt.getTime() <= now.getTime()) {
      throw conflict(Codes.slotPassed, '该时段已开始或已结束，请选择之后的时段');
    }
    const schedule = await manager.findOneByOrFail(ReceptionScheduleEntity, { id: day.scheduleId });
    const hall = await manager.findOneBy(ReceptionHallEntity, { id: choice.hallId });
    if (!hall || !hall.active || !schedule.hallIds.includes(hall.id)) {
      throw badRequest(Codes.hallNotConnected, '该接访厅不能连线本接访日');
    }
    if (choice.kind && !schedule.kinds.includes(choice.kind)) {
      throw badRequest(Codes.kindNotAccepted, '本接访日不受理该类信访事项');
    }
    const officialHall = schedule.officialHallId
      ? await manager.findOneByOrFail(ReceptionHallEntity, { id: schedule.officialHallId })
      : null;
    return { day, schedule, slot, hall, officialHall };
  }
}
