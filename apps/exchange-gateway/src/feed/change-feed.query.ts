import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  IntegratorErrorCodes as Codes,
  type ChangeFeedQuery,
  type ChangeFeedResponse,
} from '@minsheng/contracts';
import {
  divisionPatterns,
  seesWholeInstance,
  type IntegratorCaller,
} from '../integrator/integrator-client.js';
import { integratorError } from '../integrator/integrator.errors.js';
import { ExchangeChangeEntity } from './exchange-change.entity.js';
import { toChangeItem } from './change.mapper.js';

/**
 * Changes after a cursor, oldest first, that the client may see (its divisions; its own
 * submissions unless it reads every case). The cursor is the last seen entry's `seq`, which
 * follows commit order (see ChangeRecorder), so paging never skips an entry.
 */
@Injectable()
export class ChangeFeedQueryHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(caller: IntegratorCaller, query: ChangeFeedQuery): Promise<ChangeFeedResponse> {
    const after = parseCursor(query.cursor);
    const rows = await this.dataSource
      .getRepository(ExchangeChangeEntity)
      .createQueryBuilder('c')
      .where('c.seq > :after', { after })
      .andWhere('c.division_code LIKE ANY (:patterns)', { patterns: divisionPatterns(caller) })
      .andWhere(seesWholeInstance(caller) ? 'TRUE' : 'c.client_id = :clientId', {
        clientId: caller.clientId,
      })
      .orderBy('c.seq', 'ASC')
      .limit(query.limit + 1)
      .getMany();
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => toChangeItem(row, caller)),
      nextCursor: page.length > 0 ? String(page[page.length - 1].seq) : String(after),
      hasMore: rows.length > query.limit,
    };
  }
}

function parseCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '0';
  if (!/^\d{1,18}$/.test(cursor)) {
    throw integratorError(400, Codes.invalidCursor, '游标无效', [
      { path: 'cursor', code: Codes.invalidCursor, message: '游标无效' },
    ]);
  }
  return String(BigInt(cursor));
}
