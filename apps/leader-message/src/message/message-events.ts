import type { BoardMessageEntity } from './board-message.entity.js';

/** The fields every `leader-message.message.*` event carries. */
export function messageRef(m: BoardMessageEntity) {
  return {
    messageId: m.id,
    boardId: m.boardId,
    externalId: m.externalId,
    leaderId: m.leaderId,
    divisionCode: m.divisionCode,
    type: m.type,
    domain: m.domain,
    claimDeadline: m.claimDeadline.toISOString(),
    replyDeadline: m.replyDeadline.toISOString(),
    leadOrganId: m.leadOrganId,
  };
}
