import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MailboxFiguresQuery, MailboxFiguresResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { mailboxFor, mailboxRef } from './mailbox-access.js';

/**
 * A leader's mailbox figures, beside the message boards': matters received, replied, and replied
 * on time — no later than the conclusion deadline in force (an approved extension's end), or,
 * for a reply before acceptance, the acceptance deadline.
 */
@Injectable()
export class GetMailboxFiguresUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    principal: Principal,
    mailboxId: string,
    query: MailboxFiguresQuery,
  ): Promise<MailboxFiguresResponse> {
    const m = this.dataSource.manager;
    const mailbox = await mailboxFor(m, principal, mailboxId);
    const params: unknown[] = [mailboxId];
    const period: string[] = [];
    if (query.from) {
      params.push(instant(query.from));
      period.push(`AND c.registered_at >= $${params.length}`);
    }
    if (query.to) {
      params.push(instant(query.to));
      period.push(`AND c.registered_at < $${params.length}`);
    }
    const [row] = await m.query<Array<Record<string, string>>>(
      `SELECT count(*) AS received,
              count(*) FILTER (WHERE c.replied_at IS NOT NULL) AS replied,
              count(*) FILTER (WHERE c.replied_at IS NOT NULL AND c.replied_at <= COALESCE(
                (c.deadlines->>'concludeBy')::timestamptz,
                (c.deadlines->>'acceptBy')::timestamptz)) AS replied_on_time,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM leader_instruction i WHERE i.case_id = c.id)) AS instructed
         FROM petition_case c
        WHERE c.addressee_mailbox_id = $1 ${period.join(' ')}`,
      params,
    );
    const replied = Number(row.replied);
    const onTime = Number(row.replied_on_time);
    return {
      mailbox: mailboxRef(mailbox),
      received: Number(row.received),
      replied,
      repliedOnTime: onTime,
      onTimeRate: replied ? onTime / replied : null,
      instructed: Number(row.instructed),
    };
  }
}

function instant(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value);
}
