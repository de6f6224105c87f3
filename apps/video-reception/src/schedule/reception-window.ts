import { VideoReceptionErrorCodes as Codes, type ReceptionWindow } from '@minsheng/contracts';
import { badRequest } from '../video-reception.errors.js';

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Slots a window holds: back to back from its start. */
export function slotCount(window: ReceptionWindow, slotMinutes: number): number {
  return Math.floor((minutesOf(window.endTime) - minutesOf(window.startTime)) / slotMinutes);
}

/** At least one slot fits the window; answers the slots it holds. */
export function assertWindowFits(window: ReceptionWindow, slotMinutes: number): number {
  const slots = slotCount(window, slotMinutes);
  if (slots < 1) {
    throw badRequest(
      Codes.invalidWindow,
      `接访时段 ${window.startTime}–${window.endTime} 容不下一个 ${slotMinutes} 分钟的预约时段`,
    );
  }
  return slots;
}
