import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  LeaderMailboxStatisticsResponse,
  SuggestionCounts,
  SuggestionStatisticsResponse,
} from '@minsheng/contracts';
import { AnalysisQueries } from '../analysis/analysis-queries.js';
import { ancestorColumn, divisionName } from '../read-model/division-path.js';
import { ratio } from './formulas.js';
import type { Scope } from './statistics-scope.js';

const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const empty = (): SuggestionCounts => ({
  received: 0,
  studied: 0,
  adopted: 0,
  partlyAdopted: 0,
  notAdopted: 0,
});
const OUTCOME_FIELD = {
  adopted: 'adopted',
  'partly-adopted': 'partlyAdopted',
  'not-adopted': 'notAdopted',
} as const;

/**
 * Issue 13's figures: suggestions received, studied and adopted by theme or organ, and the
 * leader mailboxes' received / replied on time beside the message boards'.
 */
@Injectable()
export class SuggestionQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly analysis: AnalysisQueries,
  ) {}

  /**
   * Each count falls in the period on its own day: received on registration, studied on the
   * findings, adopted / partly / not adopted on the decision.
   */
  async suggestions(
    scope: Scope,
    groupBy: 'theme' | 'organ',
  ): Promise<SuggestionStatisticsResponse> {
    const from = midnight(scope.fromDay);
    const to = midnight(scope.toDay);
    const rows: Array<{
      theme_codes: string[];
      organ_id: string | null;
      organ_name: string | null;
      received: boolean;
      studied: boolean;
      outcome: keyof typeof OUTCOME_FIELD | null;
    }> = await this.dataSource.query(
      `SELECT theme_codes, organ_id, organ_name,
              coalesce(registered_at >= $2 AND registered_at < $3, false) AS received,
              coalesce(studied_at >= $2 AND studied_at < $3, false) AS studied,
              CASE WHEN decided_at >= $2 AND decided_at < $3 THEN outcome END AS outcome
         FROM suggestion_fact
        WHERE ${ancestorColumn(scope.divisionCode)} = $1
          AND (registered_at >= $2 AND registered_at < $3 OR studied_at >= $2 AND studied_at < $3
               OR decided_at >= $2 AND decided_at < $3)`,
      [scope.divisionCode, from, to],
    );
    const total = empty();
    const groups = new Map<string, { label: string; counts: SuggestionCounts }>();
    const rules = groupBy === 'theme' ? await this.analysis.rules() : [];
    for (const r of rules) groups.set(r.themeCode, { label: r.themeName, counts: empty() });
    const add = (into: SuggestionCounts, row: (typeof rows)[number]) => {
      if (row.received) into.received += 1;
      if (row.studied) into.studied += 1;
      if (row.outcome) into[OUTCOME_FIELD[row.outcome]] += 1;
    };
    for (const row of rows) {
      add(total, row);
      const keys =
        groupBy === 'theme'
          ? row.theme_codes.length > 0
            ? row.theme_codes
            : ['-']
          : [row.organ_id ?? '-'];
      for (const key of keys) {
        const label =
          key === '-'
            ? groupBy === 'theme'
              ? '未归类'
              : '未指定单位'
            : groupBy === 'organ'
              ? (row.organ_name ?? key)
              : key;
        const group = groups.get(key) ?? { label, counts: empty() };
        add(group.counts, row);
        groups.set(key, group);
      }
    }
    return {
      divisionCode: scope.divisionCode,
      divisionName: divisionName(scope.divisionCode),
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy,
      total,
      series: [...groups.entries()]
        .map(([key, g]) => ({ key, label: g.label, ...g.counts }))
        .sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : 1)),
    };
  }

  /**
   * Matters addressed to leader mailboxes (领导信箱) and messages posted on the message boards
   * (留言板) in the period: how many, how many replied so far, and of those replied on time —
   * a mailbox matter by the deadline in force (petition's rule), a message by its reply deadline.
   */
  async leaderMailboxes(scope: Scope): Promise<LeaderMailboxStatisticsResponse> {
    const from = midnight(scope.fromDay);
    const to = midnight(scope.toDay);
    const column = ancestorColumn(scope.divisionCode);
    const mailboxes: Array<{
      mailbox_id: string;
      received: string;
      replied: string;
      on_time: string;
    }> = await this.dataSource.query(
      `SELECT addressee_mailbox_id AS mailbox_id, count(*) AS received,
                count(*) FILTER (WHERE replied_at IS NOT NULL) AS replied,
                count(*) FILTER (WHERE replied_at <= coalesce(conclude_by, accept_by)) AS on_time
           FROM case_fact
          WHERE ${column} = $1 AND addressee_mailbox_id IS NOT NULL
            AND registered_at >= $2 AND registered_at < $3
          GROUP BY 1 ORDER BY 2 DESC, 1`,
      [scope.divisionCode, from, to],
    );
    const [board]: Array<{ received: string; replied: string; on_time: string }> =
      await this.dataSource.query(
        `SELECT count(*) AS received, count(published_at) AS replied,
                count(*) FILTER (WHERE published_at <= reply_deadline) AS on_time
           FROM leader_message_fact
          WHERE ${column} = $1 AND NOT converted AND posted_at >= $2 AND posted_at < $3`,
        [scope.divisionCode, from, to],
      );
    const figures = (r: {
      received: string | number;
      replied: string | number;
      on_time: string | number;
    }) => ({
      received: Number(r.received),
      replied: Number(r.replied),
      onTimeReply: ratio(Number(r.on_time), Number(r.replied)),
    });
    const sum = (field: 'received' | 'replied' | 'on_time') =>
      mailboxes.reduce((n, m) => n + Number(m[field]), 0);
    return {
      divisionCode: scope.divisionCode,
      divisionName: divisionName(scope.divisionCode),
      from: from.toISOString(),
      to: to.toISOString(),
      total: figures({
        received: sum('received'),
        replied: sum('replied'),
        on_time: sum('on_time'),
      }),
      mailboxes: mailboxes.map((m) => ({ mailboxId: m.mailbox_id, ...figures(m) })),
      messageBoard: figures(board),
    };
  }
}
