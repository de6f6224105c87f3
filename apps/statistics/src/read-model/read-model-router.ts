import type { EntityManager } from 'typeorm';
import {
  CASE_WORKFLOW_EVENTS,
  caseOverdueEvent,
  caseOwnershipTakenEvent,
  caseRatedEvent,
  caseRegisteredEvent,
  childStatisticsReceivedEvent,
  complaintSubmittedEvent,
  leaderMessageAssignedEvent,
  leaderMessageClaimedEvent,
  leaderMessageConvertedToCaseEvent,
  leaderMessageExtendedEvent,
  leaderMessageReceivedEvent,
  leaderMessageRepliedEvent,
  receptionHeldEvent,
  suggestionDecidedEvent,
  suggestionMarkedForStudyEvent,
  suggestionStudiedEvent,
  suggestionStudyAssignedEvent,
  type EventDefinition,
  type EventEnvelope,
} from '@minsheng/contracts';
import { ComplaintDocProjector, tagCaseThemes } from '../analysis/complaint-doc.projector.js';
import { ActivityProjector } from './activity.projector.js';
import { CaseFactProjector } from './case-fact.projector.js';
import { ChildRollupProjector } from './child-rollup.projector.js';
import { SuggestionFactProjector } from './suggestion-fact.projector.js';

/**
 * Every event the read models are built from. `complaint-intake.complaint.rated` and
 * `.review.requested` are left out on purpose: petition turns them into `petition.case.rated` and
 * `petition.case.review-requested`, which carry the case, so counting both would count twice.
 */
export const CONSUMED_EVENTS: readonly EventDefinition[] = [
  caseRegisteredEvent,
  ...Object.values(CASE_WORKFLOW_EVENTS),
  caseRatedEvent,
  caseOverdueEvent,
  complaintSubmittedEvent,
  leaderMessageReceivedEvent,
  leaderMessageClaimedEvent,
  leaderMessageAssignedEvent,
  leaderMessageExtendedEvent,
  leaderMessageRepliedEvent,
  leaderMessageConvertedToCaseEvent,
  receptionHeldEvent,
  caseOwnershipTakenEvent,
  suggestionMarkedForStudyEvent,
  suggestionStudyAssignedEvent,
  suggestionStudiedEvent,
  suggestionDecidedEvent,
  childStatisticsReceivedEvent,
];

/** Applies one event to the read models — the same code live and in a rebuild. */
export class ReadModelRouter {
  private readonly cases = new CaseFactProjector();
  private readonly activity = new ActivityProjector();
  private readonly complaints = new ComplaintDocProjector();
  private readonly suggestions = new SuggestionFactProjector();
  private readonly children = new ChildRollupProjector();

  async apply(tx: EntityManager, envelope: EventEnvelope): Promise<void> {
    const type = envelope.type;
    if (type.startsWith('petition.case.')) {
      // First: it takes the complaint's lock before suggestion_fact is touched, in the order the
      // complaint's own handler takes them, so the two never wait on each other.
      if (type === caseRegisteredEvent.subject) await this.complaints.applyCase(tx, envelope);
      await this.cases.apply(tx, envelope);
      if (type === caseRegisteredEvent.subject) {
        await tagCaseThemes(tx, (envelope.data as { caseId: string }).caseId);
        await this.suggestions.apply(tx, envelope);
      }
    } else if (type.startsWith('petition.suggestion.')) {
      await this.suggestions.apply(tx, envelope);
    } else if (type === childStatisticsReceivedEvent.subject) {
      await this.children.apply(tx, envelope);
    } else if (type === complaintSubmittedEvent.subject) {
      await this.complaints.applyComplaint(tx, envelope);
    } else if (type.startsWith('leader-message.message.')) {
      await this.activity.applyMessage(tx, envelope);
    } else if (type === receptionHeldEvent.subject) {
      await this.activity.applyReception(tx, envelope);
    } else if (type === caseOwnershipTakenEvent.subject) {
      await this.activity.applyOwnership(tx, envelope);
    }
  }
}

/**
 * What the journal keeps of an event: everything but the petitioner's personal data (the name
 * and ciphertexts go; the keyed hashes that count distinct petitioners stay).
 */
export function journalEnvelope(envelope: EventEnvelope): EventEnvelope {
  if (envelope.type !== complaintSubmittedEvent.subject) return envelope;
  const data = envelope.data as { petitioner: Record<string, string> };
  return {
    ...envelope,
    data: {
      ...data,
      petitioner: {
        name: '',
        idNumberEncrypted: '',
        idNumberHash: data.petitioner.idNumberHash,
        phoneEncrypted: '',
        phoneHash: data.petitioner.phoneHash,
      },
    },
  };
}
