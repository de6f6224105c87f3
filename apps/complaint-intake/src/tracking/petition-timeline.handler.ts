import { Injectable, Logger, type Type } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ComplaintStatus, EventEnvelope } from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { ComplaintEntity } from '../complaint/complaint.entity.js';
import { ComplaintTimeline } from './complaint-timeline.js';
import type { PetitionTimelineStep } from './petition-timeline.js';

/** How far along a complaint is; declined is as far as accepted (both answer the acceptance). */
const PROGRESS: Record<ComplaintStatus, number> = {
  'awaiting-exchange': -1,
  submitted: 0,
  registered: 1,
  accepted: 2,
  declined: 2,
  replied: 3,
  concluded: 4,
};

export class EventArrivedEarlyError extends Error {}

/**
 * One durable handler per entry of PETITION_TIMELINE, applied in the inbox's transaction. Each
 * event has its own consumer, so petition's events can arrive out of order: one for a complaint
 * not yet at a status it follows is retried (the consumer backs off), one for a complaint already
 * past it is a late duplicate and ignored.
 */
export function petitionTimelineHandler(definition: PetitionTimelineStep): Type<unknown> {
  @Injectable()
  class PetitionTimelineHandler {
    private readonly logger = new Logger(`Timeline(${definition.event.subject})`);

    constructor(private readonly timeline: ComplaintTimeline) {}

    @OnEvent(definition.event)
    async handle(event: EventEnvelope<unknown>, tx: EntityManager): Promise<void> {
      const complaintId = definition.complaintId(event.data);
      if (!complaintId) return;
      const complaint = await tx.findOne(ComplaintEntity, {
        where: { id: complaintId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!complaint || complaint.status === 'awaiting-exchange') return; // not registered here
      if (!definition.from.includes(complaint.status)) {
        const earliest = Math.min(...definition.from.map((s) => PROGRESS[s]));
        if (PROGRESS[complaint.status] < earliest) {
          throw new EventArrivedEarlyError(
            `complaint ${complaintId} is ${complaint.status}; ${definition.step} follows ${definition.from.join('/')}`,
          );
        }
        this.logger.warn(
          { complaintId, status: complaint.status },
          'late or repeated event ignored',
        );
        return;
      }
      await tx.update(
        ComplaintEntity,
        { id: complaintId },
        { ...definition.changes?.(event.data), status: definition.status, updatedAt: new Date() },
      );
      await this.timeline.append(tx, {
        complaintId,
        step: definition.step,
        status: definition.status,
        note: definition.note(event.data),
        at: definition.at(event.data),
      });
    }
  }
  Object.defineProperty(PetitionTimelineHandler, 'name', {
    value: `PetitionTimelineHandler_${definition.event.subject.replace(/\W/g, '_')}`,
  });
  return PetitionTimelineHandler;
}
