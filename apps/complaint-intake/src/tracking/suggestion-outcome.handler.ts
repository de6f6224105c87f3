import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ADOPTION_FORM_LABELS,
  SUGGESTION_OUTCOME_LABELS,
  suggestionDecidedEvent,
  suggestionMarkedForStudyEvent,
  type EventData,
  type EventEnvelope,
} from '@minsheng/contracts';
import { OnEvent } from '@minsheng/messaging';
import { ComplaintEntity } from '../complaint/complaint.entity.js';
import { ComplaintTimeline } from './complaint-timeline.js';
import { EventArrivedEarlyError } from './petition-timeline.handler.js';

type Decided = EventData<typeof suggestionDecidedEvent>;

/** The outcome in the words of the status page. */
export function outcomeNote(d: Decided): string {
  const organ = d.organName ? `经${d.organName}研究，` : '';
  switch (d.outcome) {
    case 'adopted':
    case 'partly-adopted': {
      const a = d.adoption!;
      const became = `${ADOPTION_FORM_LABELS[a.form]}《${a.title.replace(/^《|》$/g, '')}》（${a.reference}，${a.adoptedOn}）`;
      const rest =
        d.outcome === 'partly-adopted' && d.reason ? `未采纳部分的原因：${d.reason}` : '';
      return `${organ}您的建议${SUGGESTION_OUTCOME_LABELS[d.outcome]}，已形成${became}。${d.summary ?? ''}${rest}`;
    }
    case 'not-adopted':
      return `${organ}您的建议未予采纳，原因：${d.reason ?? ''}`;
  }
}

/**
 * A suggestion's way to adoption on the citizen's status page: when it is taken up for study and
 * how it ended. Applied in the inbox's transaction, so each event shows once however often it is
 * delivered.
 */
@Injectable()
export class SuggestionOutcomeHandler {
  constructor(private readonly timeline: ComplaintTimeline) {}

  @OnEvent(suggestionMarkedForStudyEvent)
  async markedForStudy(
    event: EventEnvelope<EventData<typeof suggestionMarkedForStudyEvent>>,
    tx: EntityManager,
  ): Promise<void> {
    const complaint = await this.complaintOf(event.data.sourceComplaintId, tx);
    if (!complaint) return;
    await this.timeline.append(tx, {
      complaintId: complaint.id,
      step: 'suggestion-study',
      status: complaint.status,
      note: '您的建议已列入研究，将交有关单位研究办理',
      at: new Date(event.data.at),
    });
  }

  @OnEvent(suggestionDecidedEvent)
  async decided(event: EventEnvelope<Decided>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const complaint = await this.complaintOf(d.sourceComplaintId, tx);
    if (!complaint) return;
    // One outcome per suggestion: a second decision event (a new event id) changes nothing.
    const inserted: unknown[] = await tx.query(
      `INSERT INTO complaint_suggestion_outcome
         (complaint_id, outcome, organ_name, adoption, summary, reason, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (complaint_id) DO NOTHING RETURNING complaint_id`,
      [
        complaint.id,
        d.outcome,
        d.organName,
        d.adoption ? JSON.stringify(d.adoption) : null,
        d.summary,
        d.reason,
        new Date(d.at),
      ],
    );
    if (inserted.length === 0) return;
    await this.timeline.append(tx, {
      complaintId: complaint.id,
      step: 'suggestion-decided',
      status: complaint.status,
      note: outcomeNote(d),
      at: new Date(d.at),
    });
  }

  /** The complaint, locked; retried while intake has not yet seen it registered. */
  private async complaintOf(
    complaintId: string | null,
    tx: EntityManager,
  ): Promise<ComplaintEntity | null> {
    if (!complaintId) return null;
    const complaint = await tx.findOne(ComplaintEntity, {
      where: { id: complaintId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!complaint || complaint.status === 'awaiting-exchange') return null;
    if (complaint.status === 'submitted') {
      throw new EventArrivedEarlyError(`complaint ${complaintId} is not registered yet`);
    }
    return complaint;
  }
}
