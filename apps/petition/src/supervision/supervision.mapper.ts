import type {
  InstructionResponse,
  SupervisionOrderResponse,
  SupervisionRecordResponse,
} from '@minsheng/contracts';
import type { LeaderInstructionEntity } from './leader-instruction.entity.js';
import type { SupervisionOrderEntity } from './supervision-order.entity.js';
import type { SupervisionRecordEntity } from './supervision-record.entity.js';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function toSupervisionOrderResponse(
  order: SupervisionOrderEntity,
  petitionNumber: string,
  now = new Date(),
): SupervisionOrderResponse {
  return {
    id: order.id,
    orderNumber: order.orderNumber,
    caseId: order.caseId,
    petitionNumber,
    divisionCode: order.divisionCode,
    organId: order.organId,
    content: order.content,
    issuedBy: order.issuedBy,
    issuedAt: order.issuedAt.toISOString(),
    replyDueAt: order.replyDueAt.toISOString(),
    escalatedAt: iso(order.escalatedAt),
    escalationReason: order.escalationReason,
    status: order.repliedAt ? 'replied' : 'open',
    reply: order.reply,
    repliedAt: iso(order.repliedAt),
    overdue: order.repliedAt === null && order.replyDueAt.getTime() < now.getTime(),
  };
}

export function toSupervisionRecordResponse(
  record: SupervisionRecordEntity,
): SupervisionRecordResponse {
  return {
    id: record.id,
    kind: record.kind,
    organId: record.organId,
    interviewee: record.interviewee,
    content: record.content,
    heldAt: iso(record.heldAt),
    recordedBy: record.recordedBy,
    recordedAt: record.recordedAt.toISOString(),
  };
}

export function toInstructionResponse(
  instruction: LeaderInstructionEntity,
  petitionNumber: string,
  now = new Date(),
): InstructionResponse {
  return {
    id: instruction.id,
    caseId: instruction.caseId,
    petitionNumber,
    text: instruction.text,
    assigneeOrganId: instruction.assigneeOrganId,
    issuedBy: instruction.issuedBy,
    issuedAt: instruction.issuedAt.toISOString(),
    dueAt: instruction.dueAt.toISOString(),
    status: instruction.completedAt ? 'completed' : 'open',
    result: instruction.result,
    completedAt: iso(instruction.completedAt),
    overdue: instruction.completedAt === null && instruction.dueAt.getTime() < now.getTime(),
  };
}
