import type {
  LeaderAddressee,
  LeaderMailboxAdminResponse,
  LeaderMailboxResponse,
} from '@minsheng/contracts';
import { findDivision } from '@minsheng/domain';
import type { LeaderMailboxEntity } from './leader-mailbox.entity.js';

export function toLeaderMailboxResponse(entity: LeaderMailboxEntity): LeaderMailboxResponse {
  return {
    id: entity.id,
    divisionCode: entity.divisionCode,
    divisionName: findDivision(entity.divisionCode)?.fullName ?? entity.divisionCode,
    post: entity.post,
    title: entity.title,
    leaderName: entity.leaderName,
  };
}

export function toLeaderMailboxAdminResponse(
  entity: LeaderMailboxEntity,
): LeaderMailboxAdminResponse {
  return {
    ...toLeaderMailboxResponse(entity),
    teamOrganId: entity.teamOrganId,
    active: entity.active,
    updatedAt: entity.updatedAt.toISOString(),
  };
}

/** What a matter records of the leader it is addressed to. */
export function toAddressee(entity: LeaderMailboxEntity): LeaderAddressee {
  return {
    mailboxId: entity.id,
    divisionCode: entity.divisionCode,
    post: entity.post,
    title: entity.title,
    leaderName: entity.leaderName,
    teamOrganId: entity.teamOrganId,
  };
}
