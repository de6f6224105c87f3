import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  forwardedCaseStatusReceivedEvent,
  type ComplaintStatus,
  type EventData,
  type EventEnvelope,
  type TimelineStep,
} from '@minsheng/contracts';
import { findDivision } from '@minsheng/domain';
import { OnEvent } from '@minsheng/messaging';
import { ComplaintEntity } from '../complaint/complaint.entity.js';
import { ComplaintTimeline } from './complaint-timeline.js';
import { EventArrivedEarlyError } from './petition-timeline.handler.js';

type Report = EventData<typeof forwardedCaseStatusReceivedEvent>;

/**
 * How long a report that skips a step waits for it. The handling tier sends a case's reports
 * from one consumer per petition event, so two steps taken moments apart (accepted, then
 * replied) can leave there in the wrong order; the missing one is normally seconds behind. After
 * this, the report is applied as it is — a step with no predecessor coming (a reply straight
 * after registration) is only delayed, never lost.
 */
const REORDER_WINDOW_MS = 5_000;

/** How far along a complaint is (as in the petition timeline); a report never moves it back. */
const PROGRESS: Record<ComplaintStatus, number> = {
  'awaiting-exchange': -1,
  submitted: 0,
  registered: 1,
  accepted: 2,
  declined: 2,
  replied: 3,
  concluded: 4,
};

interface ReportedStep {
  step: TimelineStep;
  /** The status the step leaves the complaint in; null: unchanged. */
  status: ComplaintStatus | null;
  note: (r: Report, organ: string) => string;
}

/** Petition's events at the handling tier, as the petitioner who used this instance sees them. */
const REPORTED: Record<string, ReportedStep> = {
  'petition.case.registered': {
    step: 'registered',
    status: 'registered',
    note: (r, organ) => `已转交${organ}，登记为信访事项，编号 ${r.petitionNumber ?? ''}`.trim(),
  },
  'petition.case.transferred': {
    step: 'routed',
    status: null,
    note: (_r, organ) => `${organ}已转送有权处理的机关办理`,
  },
  'petition.case.assigned': {
    step: 'routed',
    status: null,
    note: (_r, organ) => `${organ}已交办有关机关办理`,
  },
  'petition.case.accepted': {
    step: 'accepted',
    status: 'accepted',
    note: (_r, organ) => `已由${organ}受理，正在办理`,
  },
  'petition.case.declined': {
    step: 'declined',
    status: 'declined',
    note: (r) => `不予受理：${r.summary ?? ''}`,
  },
  'petition.case.replied': {
    step: 'replied',
    status: 'replied',
    note: (r) => `已书面答复：${r.summary ?? ''}`,
  },
  'petition.case.concluded': {
    step: 'concluded',
    status: 'concluded',
    note: (r) => (r.summary ? `已办结：${r.summary}` : '已办结'),
  },
};

/**
 * 转交件的办理进度: a complaint submitted here and forwarded to the tier that owns its division
 * is handled there; the exchange brings back each step (registered, accepted, replied …). Each
 * report becomes one step on this complaint's public timeline — exactly once, by the inbox of
 * @OnEvent — and moves its status forward, so the petitioner follows it where they submitted it
 * and can rate it or ask for review after the reply.
 */
@Injectable()
export class ForwardedStatusHandler {
  private readonly logger = new Logger(ForwardedStatusHandler.name);

  constructor(private readonly timeline: ComplaintTimeline) {}

  @OnEvent(forwardedCaseStatusReceivedEvent)
  async handle(event: EventEnvelope<Report>, tx: EntityManager): Promise<void> {
    const report = event.data;
    const reported = REPORTED[report.event];
    if (!reported) return; // a step the public timeline does not show
    const complaint = await tx.findOne(ComplaintEntity, {
      where: { trackingCode: report.trackingCode },
      lock: { mode: 'pessimistic_write' },
    });
    // Only complaints this instance held for another tier; anything else is not ours to show.
    if (!complaint || !complaint.routedToDivision) {
      this.logger.warn(
        { trackingCode: report.trackingCode },
        'status of an unknown forwarded complaint',
      );
      return;
    }
    const reached = Math.max(PROGRESS[complaint.status], PROGRESS.submitted);
    if (
      reported.status &&
      PROGRESS[reported.status] > reached + 1 &&
      Date.now() - new Date(event.occurredAt).getTime() < REORDER_WINDOW_MS
    ) {
      throw new EventArrivedEarlyError(
        `complaint ${complaint.id} is ${complaint.status}; ${reported.step} skips a step, which may still come`,
      );
    }
    const at = new Date(report.at);
    const forward = reported.status && PROGRESS[reported.status] > PROGRESS[complaint.status];
    const status = forward ? reported.status! : complaint.status;
    const organ = findDivision(report.handlingDivision)?.fullName ?? report.handlingDivision;
    await tx.update(
      ComplaintEntity,
      { id: complaint.id },
      {
        status,
        petitionNumber: complaint.petitionNumber ?? report.petitionNumber,
        ...(reported.step === 'replied' && !complaint.repliedAt ? { repliedAt: at } : {}),
        ...(reported.step === 'concluded' && !complaint.concludedAt ? { concludedAt: at } : {}),
        updatedAt: new Date(),
      },
    );
    await this.timeline.append(tx, {
      complaintId: complaint.id,
      step: reported.step,
      status,
      note: reported.note(report, organ),
      at,
    });
  }
}
