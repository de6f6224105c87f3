import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MailboxQueueResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { PETITION_STATUS_LABELS, type PetitionStatus } from '@minsheng/domain';
import { mailboxFor, mailboxRef } from './mailbox-access.js';

type Row = Record<string, unknown>;

/** The leader's team's queue: what is addressed to the leader, not yet routed first. */
@Injectable()
export class GetMailboxQueueUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal, mailboxId: string): Promise<MailboxQueueResponse> {
    const m = this.dataSource.manager;
    const mailbox = await mailboxFor(m, principal, mailboxId);
    const [last] = await m.query<Array<{ browsed_at: Date }>>(
      `SELECT browsed_at FROM leader_mailbox_browsing WHERE mailbox_id = $1
        ORDER BY browsed_at DESC LIMIT 1`,
      [mailboxId],
    );
    const rows = await m.query<Row[]>(
      `SELECT c.petition_number, c.kind, c.title, c.division_code, c.status, c.registered_at,
              c.routing, c.replied_at,
              (SELECT count(*) FROM leader_instruction i WHERE i.case_id = c.id) AS instructions
         FROM petition_case c
        WHERE c.addressee_mailbox_id = $1 AND c.closed_at IS NULL
        ORDER BY (c.routing IS NULL) DESC, c.registered_at DESC
        LIMIT 200`,
      [mailboxId],
    );
    const lastBrowsedAt = last?.browsed_at ?? null;
    return {
      mailbox: mailboxRef(mailbox),
      lastBrowsedAt: lastBrowsedAt?.toISOString() ?? null,
      items: rows.map((r) => ({
        petitionNumber: r.petition_number as string,
        kind: r.kind as string,
        title: r.title as string,
        divisionCode: r.division_code as string,
        status: r.status as PetitionStatus,
        statusLabel: PETITION_STATUS_LABELS[r.status as PetitionStatus],
        registeredAt: (r.registered_at as Date).toISOString(),
        routed: r.routing !== null,
        instructions: Number(r.instructions),
        repliedAt: (r.replied_at as Date | null)?.toISOString() ?? null,
        unread: !lastBrowsedAt || (r.registered_at as Date) > lastBrowsedAt,
      })),
    };
  }
}
