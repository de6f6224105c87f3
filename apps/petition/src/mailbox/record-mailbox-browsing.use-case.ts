import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  MailboxBrowsingListResponse,
  MailboxBrowsingResponse,
  RecordMailboxBrowsingRequest,
} from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { inTransaction } from '@minsheng/persistence';
import { mailboxFor } from './mailbox-access.js';
import { MailboxBrowsingEntity } from './mailbox-browsing.entity.js';

const toResponse = (e: MailboxBrowsingEntity): MailboxBrowsingResponse => ({
  id: e.id,
  mailboxId: e.mailboxId,
  browsedAt: e.browsedAt.toISOString(),
  browsedBy: e.browsedBy,
  casesInQueue: e.casesInQueue,
  newSinceLastBrowsing: e.newSinceLast,
  note: e.note,
});

/** 定期浏览: the team records that it read the mailbox, and what was new since the last time. */
@Injectable()
export class RecordMailboxBrowsingUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  async record(
    principal: Principal,
    mailboxId: string,
    request: RecordMailboxBrowsingRequest,
  ): Promise<MailboxBrowsingResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const mailbox = await mailboxFor(tx, principal, mailboxId);
      // Serialise readings of one mailbox, so "new since last" counts each matter once.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`mailbox:${mailboxId}`]);
      const [counts] = await tx.query<Array<{ open: string; fresh: string }>>(
        `SELECT count(*) FILTER (WHERE closed_at IS NULL) AS open,
                count(*) FILTER (WHERE registered_at > COALESCE(
                  (SELECT max(browsed_at) FROM leader_mailbox_browsing WHERE mailbox_id = $1),
                  '-infinity')) AS fresh
           FROM petition_case WHERE addressee_mailbox_id = $1`,
        [mailboxId],
      );
      const entity: MailboxBrowsingEntity = {
        id: randomUUID(),
        mailboxId,
        browsedAt: new Date(),
        browsedBy: principal.userId,
        organId: principal.organId,
        casesInQueue: Number(counts.open),
        newSinceLast: Number(counts.fresh),
        note: request.note ?? null,
      };
      await tx.insert(MailboxBrowsingEntity, entity);
      await this.audit.record(
        {
          action: 'leader-mailbox.browsed',
          outcome: 'success',
          actor: actorOf(principal),
          target: { type: 'leader-mailbox', id: mailboxId },
          divisionCode: mailbox.divisionCode,
          details: { casesInQueue: entity.casesInQueue, newSinceLast: entity.newSinceLast },
        },
        tx,
      );
      return toResponse(entity);
    });
  }

  async list(principal: Principal, mailboxId: string): Promise<MailboxBrowsingListResponse> {
    const m = this.dataSource.manager;
    await mailboxFor(m, principal, mailboxId);
    const rows = await m.find(MailboxBrowsingEntity, {
      where: { mailboxId },
      order: { browsedAt: 'DESC' },
      take: 100,
    });
    return { items: rows.map(toResponse) };
  }
}
