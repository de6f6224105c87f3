export interface SlotGridDay {
  startsAt: Date;
  endsAt: Date;
  slotMinutes: number;
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** The day's slots: back to back from the window's start; a remainder too short for one is left out. */
export function slotsOf(day: SlotGridDay): Slot[] {
  const length = day.slotMinutes * 60_000;
  const slots: Slot[] = [];
  for (let t = day.startsAt.getTime(); t + length <= day.endsAt.getTime(); t += length) {
    slots.push({ startsAt: new Date(t), endsAt: new Date(t + length) });
  }
  return slots;
}

/** The slot starting at `startsAt`, or undefined when none does. */
export function findSlot(day: SlotGridDay, startsAt: Date): Slot | undefined {
  return slotsOf(day).find((slot) => slot.startsAt.getTime() === startsAt.getTime());
}
