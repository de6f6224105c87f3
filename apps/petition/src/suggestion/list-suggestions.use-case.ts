import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  ListSuggestionsQuery,
  SuggestionListResponse,
  SuggestionSummaryResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { SqlParams, divisionSubtree } from '@minsheng/persistence';

type Row = Record<string, unknown>;
const int = (value: unknown) => Number(value ?? 0);

/**
 * Suggestions of the caller's jurisdiction (and those its organ studies), by what a leader asks:
 * "what did citizens propose about X this quarter" (a category code, a period) and "what did we
 * adopt" (an outcome) — with the counts received, studied and adopted by category and by organ.
 */
@Injectable()
export class ListSuggestionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: ListSuggestionsQuery): Promise<SuggestionListResponse> {
    const params = new SqlParams();
    const where = this.where(principal, query, params);
    const limit = params.add(query.limit);
    const offset = params.add(query.offset);
    const rows: Row[] = await this.dataSource.query(
      `SELECT c.petition_number, c.division_code, c.category_code, c.title, c.registered_at,
              COALESCE(s.stage, 'received') AS stage, s.organ_id, s.outcome,
              count(*) OVER () AS total
         FROM petition_case c LEFT JOIN suggestion_study s ON s.case_id = c.id
        WHERE ${where}
        ORDER BY c.registered_at DESC, c.id
        LIMIT ${limit} OFFSET ${offset}`,
      params.values,
    );
    return {
      items: rows.map((r) => ({
        petitionNumber: r.petition_number as string,
        divisionCode: r.division_code as string,
        categoryCode: (r.category_code as string | null) ?? null,
        title: r.title as string,
        registeredAt: (r.registered_at as Date).toISOString(),
        stage: r.stage as SuggestionListResponse['items'][number]['stage'],
        organId: (r.organ_id as string | null) ?? null,
        outcome: (r.outcome as SuggestionListResponse['items'][number]['outcome']) ?? null,
      })),
      total: rows.length ? int(rows[0].total) : 0,
    };
  }

  async summary(
    principal: Principal,
    query: ListSuggestionsQuery,
  ): Promise<SuggestionSummaryResponse> {
    const params = new SqlParams();
    const where = this.where(principal, query, params);
    const counts = `count(*) AS received,
        count(*) FILTER (WHERE s.stage IN ('studied', 'decided')) AS studied,
        count(*) FILTER (WHERE s.outcome = 'adopted') AS adopted,
        count(*) FILTER (WHERE s.outcome = 'partly-adopted') AS partly_adopted,
        count(*) FILTER (WHERE s.outcome = 'not-adopted') AS not_adopted`;
    const [byCategory, byOrgan] = await Promise.all([
      this.dataSource.query<Row[]>(
        `SELECT c.category_code, ${counts}
           FROM petition_case c LEFT JOIN suggestion_study s ON s.case_id = c.id
          WHERE ${where} GROUP BY c.category_code ORDER BY c.category_code NULLS LAST`,
        params.values,
      ),
      this.dataSource.query<Row[]>(
        `SELECT s.organ_id, o.name AS organ_name, ${counts}
           FROM petition_case c JOIN suggestion_study s ON s.case_id = c.id
           LEFT JOIN organ o ON o.id = s.organ_id
          WHERE ${where} AND s.organ_id IS NOT NULL
          GROUP BY s.organ_id, o.name ORDER BY s.organ_id`,
        params.values,
      ),
    ]);
    const tally = (r: Row) => ({
      received: int(r.received),
      studied: int(r.studied),
      adopted: int(r.adopted),
      partlyAdopted: int(r.partly_adopted),
      notAdopted: int(r.not_adopted),
    });
    return {
      byCategory: byCategory.map((r) => ({
        categoryCode: (r.category_code as string | null) ?? null,
        ...tally(r),
      })),
      byOrgan: byOrgan.map((r) => ({
        organId: r.organ_id as string,
        organName: (r.organ_name as string | null) ?? null,
        ...tally(r),
      })),
    };
  }

  private where(principal: Principal, query: ListSuggestionsQuery, params: SqlParams): string {
    const scope = principal.organId
      ? `(${divisionSubtree('c.division_code', principal.divisionCode, params)} OR s.organ_id = ${params.add(principal.organId)})`
      : divisionSubtree('c.division_code', principal.divisionCode, params);
    const conditions = [`c.kind = 'suggestion'`, scope];
    if (query.from) conditions.push(`c.registered_at >= ${params.add(instant(query.from))}`);
    if (query.to) conditions.push(`c.registered_at < ${params.add(instant(query.to))}`);
    if (query.categoryCode) {
      const code = params.add(query.categoryCode);
      conditions.push(`(c.category_code = ${code} OR left(c.category_code, 2) = ${code})`);
    }
    if (query.stage) conditions.push(`s.stage = ${params.add(query.stage)}`);
    if (query.outcome) conditions.push(`s.outcome = ${params.add(query.outcome)}`);
    if (query.organId) conditions.push(`s.organ_id = ${params.add(query.organId)}`);
    return conditions.join(' AND ');
  }
}

/** A day is the start of that China day (UTC+8); an instant is itself. */
function instant(value: string): Date {
  return new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value);
}
