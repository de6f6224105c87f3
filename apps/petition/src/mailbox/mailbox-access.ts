import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ErrorCodes, type LeaderAddressee } from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';

export const mailboxNotFound = () =>
  new NotFoundException({ code: ErrorCodes.notFound, message: '未找到该领导信箱的来信' });

/**
 * The mailbox as petition knows it (from the latest matter addressed to it), if the caller is of
 * the leader's team or their jurisdiction covers the leader's division; 404 otherwise, so a
 * county does not learn of a provincial leader's mail.
 */
export async function mailboxFor(
  manager: EntityManager,
  principal: Principal,
  mailboxId: string,
): Promise<LeaderAddressee> {
  const [row] = await manager.query<Array<{ addressee: LeaderAddressee }>>(
    `SELECT addressee FROM petition_case WHERE addressee_mailbox_id = $1
      ORDER BY registered_at DESC LIMIT 1`,
    [mailboxId],
  );
  const mailbox = row?.addressee;
  if (
    !mailbox ||
    !(coversDivision(principal, mailbox.divisionCode) || principal.organId === mailbox.teamOrganId)
  ) {
    throw mailboxNotFound();
  }
  return mailbox;
}

/** A mailbox's reference, as the API shows it. */
export function mailboxRef(mailbox: LeaderAddressee) {
  return {
    id: mailbox.mailboxId,
    divisionCode: mailbox.divisionCode,
    post: mailbox.post,
    title: mailbox.title,
    leaderName: mailbox.leaderName,
    teamOrganId: mailbox.teamOrganId,
  };
}
