import {
  caseAcceptedEvent,
  caseAssignedEvent,
  caseConcludedEvent,
  caseDeclinedEvent,
  caseExtendedEvent,
  caseRegisteredEvent,
  caseRepliedEvent,
  caseTransferredEvent,
  type ComplaintStatus,
  type EventData,
  type EventDefinition,
  type TimelineStep,
  type WrittenNotice,
  type WrittenNoticeType,
} from '@minsheng/contracts';
import type { ComplaintEntity } from '../complaint/complaint.entity.js';

/** How one petition event shows on the citizen's timeline. */
export interface PetitionTimelineStep<E extends EventDefinition = EventDefinition> {
  event: E;
  step: TimelineStep;
  /** The complaint's status after the step. */
  status: ComplaintStatus;
  /** Statuses the step may follow. Before them: not yet (retried); past them: late (ignored). */
  from: readonly ComplaintStatus[];
  /** Which of our complaints it is about (null: a case not started by an online complaint). */
  complaintId: (data: EventData<E>) => string | null;
  at: (data: EventData<E>) => Date;
  /** The notice, in the words the petitioner is entitled to. */
  note: (data: EventData<E>) => string;
  /** Anything else the complaint records (petition number, reply date …). */
  changes?: (data: EventData<E>) => Partial<ComplaintEntity>;
}

const step = <E extends EventDefinition>(definition: PetitionTimelineStep<E>) =>
  definition as unknown as PetitionTimelineStep;

/** The written notice of this type issued with the change (书面告知), else a plain sentence. */
const notice = (notices: WrittenNotice[], type: WrittenNoticeType, otherwise: string) => {
  const issued = notices.find((n) => n.type === type);
  return issued ? `${issued.title}：${issued.text}` : otherwise;
};

/**
 * The petition events the public timeline follows — one entry each: the handler, the status
 * change, the timeline step and the SMS all follow from it. Adding an event is adding an entry.
 */
export const PETITION_TIMELINE: readonly PetitionTimelineStep[] = [
  step({
    event: caseRegisteredEvent,
    step: 'registered',
    status: 'registered',
    from: ['submitted'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.registeredAt),
    note: (d) => `已登记为信访事项，编号 ${d.petitionNumber}`,
    changes: (d) => ({ petitionNumber: d.petitionNumber }),
  }),
  step({
    event: caseTransferredEvent,
    step: 'routed',
    status: 'registered',
    from: ['registered'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.at),
    note: (d) => notice(d.notices, 'routing', '已转送有权处理的机关办理'),
  }),
  step({
    event: caseAssignedEvent,
    step: 'routed',
    status: 'registered',
    from: ['registered'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.at),
    note: (d) => notice(d.notices, 'routing', '已交办有关机关办理'),
  }),
  step({
    event: caseAcceptedEvent,
    step: 'accepted',
    status: 'accepted',
    from: ['registered'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.acceptedAt),
    note: (d) => notice(d.notices, 'acceptance', '已受理，正在办理'),
  }),
  step({
    event: caseDeclinedEvent,
    step: 'declined',
    status: 'declined',
    from: ['registered'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.at),
    note: (d) => notice(d.notices, 'non-acceptance', `不予受理：${d.reason}`),
  }),
  step({
    event: caseExtendedEvent,
    step: 'extended',
    status: 'accepted',
    from: ['accepted'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.at),
    note: (d) => notice(d.notices, 'extension', `办理期限延长 ${d.days} 日：${d.reason}`),
  }),
  step({
    event: caseRepliedEvent,
    step: 'replied',
    status: 'replied',
    from: ['registered', 'accepted'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.repliedAt),
    note: (d) => notice(d.notices, 'handling-opinion', `已书面答复：${d.summary}`),
    changes: (d) => ({ repliedAt: new Date(d.repliedAt) }),
  }),
  step({
    event: caseConcludedEvent,
    step: 'concluded',
    status: 'concluded',
    from: ['registered', 'accepted', 'replied'],
    complaintId: (d) => d.sourceComplaintId,
    at: (d) => new Date(d.concludedAt),
    note: (d) => (d.summary ? `已办结：${d.summary}` : '已办结'),
    changes: (d) => ({ concludedAt: new Date(d.concludedAt) }),
  }),
];
