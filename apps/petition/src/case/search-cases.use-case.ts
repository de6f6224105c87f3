import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseSearchResult, SearchCasesQuery } from '@minsheng/contracts';
import { AuditTrail, actorOf } from '@minsheng/audit';
import type { Principal } from '@minsheng/auth';
import { MatterAnalyser } from '../repeat/matter-analyser.js';
import { CASE_LIST_COLUMNS, toCaseListItem, type CaseListRow } from './case.mapper.js';
import { divisionSubtree, SqlParams } from '@minsheng/persistence';

/**
 * Search within what the caller may see: by petition number (a prefix, on a `text_pattern_ops`
 * index) or by words of the title and content (Postgres full-text search over jieba's words,
 * so a two-character word like 工资 is found, which trigram indexes cannot do).
 */
@Injectable()
export class SearchCasesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly analyser: MatterAnalyser,
  ) {}

  async execute(principal: Principal, query: SearchCasesQuery): Promise<CaseSearchResult> {
    const params = new SqlParams();
    const visible = [divisionSubtree('division_code', principal.divisionCode, params)];
    if (principal.organId) visible.push(`lead_organ_id = ${params.add(principal.organId)}`);
    let match: string;
    if (query.number !== undefined) {
      match = `petition_number LIKE ${params.add(`${query.number}%`)}`;
    } else {
      const tsquery = await this.analyser.searchQuery(query.q ?? '');
      if (!tsquery) return { items: [] };
      match = `search_vector @@ to_tsquery('simple', ${params.add(tsquery)})`;
    }
    const rows: CaseListRow[] = await this.dataSource.query(
      `SELECT ${CASE_LIST_COLUMNS} FROM petition_case
        WHERE (${visible.join(' OR ')}) AND ${match}
        ORDER BY registered_at DESC, id DESC LIMIT ${query.limit}`,
      params.values,
    );
    const now = new Date();
    const items = rows.map((row) => toCaseListItem(row, now));
    await this.audit.record({
      action: 'case.searched',
      outcome: 'success',
      actor: actorOf(principal),
      details: {
        by: query.number !== undefined ? 'number' : 'text',
        caseIds: items.map((i) => i.id),
      },
    });
    return { items };
  }
}
