import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ListSupervisionOrdersQuery, SupervisionOrderListResponse } from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { organRequired } from '../case/case.errors.js';
import { divisionSubtree, SqlParams } from '@minsheng/persistence';
import type { SupervisionOrderEntity } from './supervision-order.entity.js';
import { toSupervisionOrderResponse } from './supervision.mapper.js';

/** The orders to the caller's organ (to reply to), or all of the jurisdiction (to follow up). */
@Injectable()
export class ListSupervisionOrdersUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    principal: Principal,
    query: ListSupervisionOrdersQuery,
  ): Promise<SupervisionOrderListResponse> {
    const params = new SqlParams();
    const where: string[] = [];
    if (query.view === 'mine') {
      if (!principal.organId) throw organRequired();
      where.push(`o.organ_id = ${params.add(principal.organId)}`);
    } else {
      where.push(divisionSubtree('o.division_code', principal.divisionCode, params));
    }
    const now = new Date();
    if (query.status === 'open') where.push('o.replied_at IS NULL');
    if (query.status === 'replied') where.push('o.replied_at IS NOT NULL');
    if (query.status === 'overdue')
      where.push(`o.replied_at IS NULL AND o.reply_due_at < ${params.add(now)}`);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT o.*, c.petition_number FROM supervision_order o JOIN petition_case c ON c.id = o.case_id
        WHERE ${where.join(' AND ')} ORDER BY o.issued_at DESC LIMIT ${query.limit}`,
      params.values,
    );
    return {
      items: rows.map((row) =>
        toSupervisionOrderResponse(
          {
            id: row.id as string,
            orderNumber: row.order_number as string,
            caseId: row.case_id as string,
            divisionCode: row.division_code as string,
            organId: row.organ_id as string,
            content: row.content as string,
            issuedBy: row.issued_by as string,
            issuedAt: row.issued_at as Date,
            replyDueAt: row.reply_due_at as Date,
            escalatedAt: row.escalated_at as Date | null,
            escalatedBy: row.escalated_by as string | null,
            escalationReason: row.escalation_reason as string | null,
            reply: row.reply as string | null,
            repliedAt: row.replied_at as Date | null,
            repliedBy: row.replied_by as string | null,
            overdueNotifiedAt: row.overdue_notified_at as Date | null,
          } satisfies SupervisionOrderEntity,
          row.petition_number as string,
          now,
        ),
      ),
    };
  }
}
