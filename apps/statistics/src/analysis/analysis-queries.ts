import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  StatisticsErrorCodes,
  type HotspotsResponse,
  type ThemeRule,
  type ThemeRuleRequest,
  type ThemesResponse,
  type ThemeTrendsResponse,
  type Warning,
  type WarningsQuery,
} from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { isUniqueViolation } from '@minsheng/persistence';
import { ancestorColumn, divisionName } from '../read-model/division-path.js';
import { monthsOf } from '../measures/statistics-queries.js';
import { scopeDays, type Scope } from '../measures/statistics-scope.js';
import { StatisticsError } from '../measures/statistics.errors.js';
import { poissonTail } from './poisson.js';
import { tagSuggestionThemes } from '../read-model/suggestion-fact.projector.js';
import { tagCaseThemes, tagComplaintThemes } from './complaint-doc.projector.js';

/** A hotspot's baseline: the same topic over this many periods of equal length before. */
const BASELINE_PERIODS = 3;
const HOTSPOT_MAX_P = 0.01;

@Injectable()
export class AnalysisQueries {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Topics in the period, with the Poisson tail of their count against their own average over
   * the three periods before: 倾向性 when p < 0.01, 苗头性 when the topic is new, 普遍性 when it
   * comes from three divisions or more.
   */
  async hotspots(scope: Scope, limit: number): Promise<HotspotsResponse> {
    const days = (Date.parse(scope.toDay) - Date.parse(scope.fromDay)) / 86_400_000;
    const baselineFrom = scopeDays.addDays(scope.fromDay, -days * BASELINE_PERIODS);
    const rows: Array<{
      topic: string;
      count: string;
      weight: number;
      divisions: string;
      baseline: string;
    }> = await this.dataSource.query(
      `SELECT topic,
              coalesce(sum(count) FILTER (WHERE day >= $2), 0) AS count,
              coalesce(sum(weight) FILTER (WHERE day >= $2), 0) AS weight,
              count(DISTINCT division_code) FILTER (WHERE day >= $2) AS divisions,
              coalesce(sum(count) FILTER (WHERE day < $2), 0) AS baseline
         FROM topic_daily
        WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND day >= $4 AND day < $3
        GROUP BY topic HAVING coalesce(sum(count) FILTER (WHERE day >= $2), 0) >= 2`,
      [scope.divisionCode, scope.fromDay, scope.toDay, baselineFrom],
    );
    const ranked = rows
      .map((r) => {
        const count = Number(r.count);
        const baseline = Number(r.baseline) / BASELINE_PERIODS;
        const pValue = poissonTail(count, Math.max(baseline, 0.5 / BASELINE_PERIODS));
        const classes: Array<'common' | 'trending' | 'incipient'> = [];
        if (Number(r.divisions) >= 3) classes.push('common');
        if (pValue < HOTSPOT_MAX_P && count > baseline) classes.push('trending');
        if (Number(r.baseline) === 0) classes.push('incipient');
        return {
          topic: r.topic,
          count,
          weight: Math.round(Number(r.weight) * 100) / 100,
          divisions: Number(r.divisions),
          baseline: Math.round(baseline * 100) / 100,
          pValue,
          classes,
          daily: [] as Array<{ date: string; count: number }>,
        };
      })
      .sort((a, b) => b.weight - a.weight || a.pValue - b.pValue || (a.topic < b.topic ? -1 : 1))
      .slice(0, limit);
    if (ranked.length > 0) {
      const daily: Array<{ topic: string; day: string; n: string }> = await this.dataSource.query(
        `SELECT topic, to_char(day, 'YYYY-MM-DD') AS day, sum(count) AS n FROM topic_daily
          WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND topic = ANY($2)
            AND day >= $3 AND day < $4 GROUP BY 1, 2 ORDER BY 2`,
        [scope.divisionCode, ranked.map((r) => r.topic), scope.fromDay, scope.toDay],
      );
      for (const h of ranked) {
        h.daily = daily
          .filter((d) => d.topic === h.topic)
          .map((d) => ({ date: d.day, count: Number(d.n) }));
      }
    }
    return {
      divisionCode: scope.divisionCode,
      from: `${scope.fromDay}T00:00:00+08:00`,
      to: `${scope.toDay}T00:00:00+08:00`,
      hotspots: ranked,
    };
  }

  async warnings(
    principal: Principal,
    divisionCode: string,
    query: WarningsQuery,
  ): Promise<Warning[]> {
    const params: unknown[] = [divisionCode];
    const where = [`w.${ancestorColumn(divisionCode)} = $1`];
    if (query.kind) where.push(`w.kind = $${params.push(query.kind)}`);
    const rows = await this.warningRows(where.join(' AND '), params, query.limit * 2);
    const list = rows.filter((w) => coversDivision(principal, w.divisionCode));
    return (query.status ? list.filter((w) => w.status === query.status) : list).slice(
      0,
      query.limit,
    );
  }

  async warning(principal: Principal, id: string): Promise<Warning> {
    const [warning] = await this.warningRows('w.id = $1', [id], 1);
    if (!warning || !coversDivision(principal, warning.divisionCode))
      throw StatisticsError.notFound();
    return warning;
  }

  async addTrail(
    principal: Principal,
    id: string,
    action: 'acknowledged' | 'handling' | 'closed',
    note: string | null,
  ): Promise<Warning> {
    const warning = await this.warning(principal, id);
    if (warning.status === 'closed') {
      throw new StatisticsError(
        HttpStatus.CONFLICT,
        StatisticsErrorCodes.warningClosed,
        '预警已办结',
      );
    }
    await this.dataSource.query(
      `INSERT INTO warning_trail (id, warning_id, at, by, action, note) VALUES ($1, $2, now(), $3, $4, $5)`,
      [randomUUID(), id, principal.userId, action, note],
    );
    return this.warning(principal, id);
  }

  private async warningRows(where: string, params: unknown[], limit: number): Promise<Warning[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT w.*, coalesce((SELECT json_agg(json_build_object('at', t.at, 'by', t.by,
                'action', t.action, 'note', t.note) ORDER BY t.at, t.id)
                FROM warning_trail t WHERE t.warning_id = w.id), '[]') AS trail
         FROM warning w WHERE ${where} ORDER BY w.detected_at DESC, w.id LIMIT ${limit}`,
      params,
    );
    const evidenceIds = [...new Set(rows.flatMap((r) => r.evidence as string[]))];
    const docs: Array<Record<string, unknown>> = evidenceIds.length
      ? await this.dataSource.query(
          `SELECT d.complaint_id, d.title, d.division_code, d.submitted_at, f.case_id, f.petition_number
             FROM complaint_doc d LEFT JOIN case_fact f ON f.source_complaint_id = d.complaint_id
            WHERE d.complaint_id = ANY($1)`,
          [evidenceIds],
        )
      : [];
    const byId = new Map(docs.map((d) => [d.complaint_id as string, d]));
    return rows.map((r) => {
      const trail = (
        r.trail as Array<{ at: string; by: string; action: string; note: string | null }>
      ).map((t) => ({ ...t, at: new Date(t.at).toISOString() }));
      const last = trail.at(-1)?.action;
      const status =
        last === 'closed'
          ? 'closed'
          : last === 'handling'
            ? 'handling'
            : last
              ? 'acknowledged'
              : 'open';
      return {
        id: r.id as string,
        kind: r.kind as Warning['kind'],
        level: r.level as Warning['level'],
        classes: r.classes as Warning['classes'],
        status,
        divisionCode: r.division_code as string,
        divisionName: divisionName(r.division_code as string),
        topic: r.topic as string,
        summary: r.summary as string,
        petitioners: r.petitioners as number,
        pValue: r.p_value as number | null,
        observed: r.observed as number,
        expected: r.expected as number | null,
        windowStart: (r.window_start as Date).toISOString(),
        windowEnd: (r.window_end as Date).toISOString(),
        detectedAt: (r.detected_at as Date).toISOString(),
        evidence: (r.evidence as string[]).flatMap((id) => {
          const d = byId.get(id);
          return d
            ? [
                {
                  complaintId: id,
                  caseId: (d.case_id as string | null) ?? null,
                  petitionNumber: (d.petition_number as string | null) ?? null,
                  title: d.title as string,
                  divisionCode: d.division_code as string,
                  at: (d.submitted_at as Date).toISOString(),
                },
              ]
            : [];
        }),
        trail: trail as Warning['trail'],
      } satisfies Warning;
    });
  }

  async themes(scope: Scope): Promise<ThemesResponse> {
    const rows: Array<{ theme_code: string; n: string }> = await this.dataSource.query(
      `SELECT t AS theme_code, count(*) AS n FROM (
          SELECT unnest(theme_codes) AS t FROM complaint_doc
           WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND day >= $2 AND day < $3
          UNION ALL
          SELECT unnest(theme_codes) FROM case_fact
           WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND source_complaint_id IS NULL
             AND registered_at >= $4 AND registered_at < $5) x GROUP BY 1`,
      [
        scope.divisionCode,
        scope.fromDay,
        scope.toDay,
        midnight(scope.fromDay),
        midnight(scope.toDay),
      ],
    );
    const [total] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM complaint_doc WHERE ${ancestorColumn(scope.divisionCode)} = $1
                 AND day >= $2 AND day < $3)
            + (SELECT count(*) FROM case_fact WHERE ${ancestorColumn(scope.divisionCode)} = $1
                 AND source_complaint_id IS NULL AND registered_at >= $4 AND registered_at < $5) AS n`,
      [
        scope.divisionCode,
        scope.fromDay,
        scope.toDay,
        midnight(scope.fromDay),
        midnight(scope.toDay),
      ],
    )) as Array<{ n: string }>;
    const rules = await this.rules();
    const counts = new Map(rows.map((r) => [r.theme_code, Number(r.n)]));
    return {
      divisionCode: scope.divisionCode,
      from: midnight(scope.fromDay).toISOString(),
      to: midnight(scope.toDay).toISOString(),
      total: Number(total.n),
      themes: rules
        .map((r) => ({
          themeCode: r.themeCode,
          themeName: r.themeName,
          count: counts.get(r.themeCode) ?? 0,
        }))
        .sort((a, b) => b.count - a.count || (a.themeCode < b.themeCode ? -1 : 1)),
    };
  }

  async themeTrends(scope: Scope, themeCode?: string): Promise<ThemeTrendsResponse> {
    const rows: Array<{ theme_code: string; month: string; n: string }> =
      await this.dataSource.query(
        `SELECT t AS theme_code, month, count(*) AS n FROM (
          SELECT unnest(theme_codes) AS t, to_char(day, 'YYYY-MM') AS month FROM complaint_doc
           WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND day >= $2 AND day < $3
          UNION ALL
          SELECT unnest(theme_codes), to_char(registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')
            FROM case_fact
           WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND source_complaint_id IS NULL
             AND registered_at >= $4 AND registered_at < $5) x GROUP BY 1, 2`,
        [
          scope.divisionCode,
          scope.fromDay,
          scope.toDay,
          midnight(scope.fromDay),
          midnight(scope.toDay),
        ],
      );
    const months = monthsOf(scope);
    const rules = (await this.rules()).filter((r) => !themeCode || r.themeCode === themeCode);
    return {
      divisionCode: scope.divisionCode,
      from: midnight(scope.fromDay).toISOString(),
      to: midnight(scope.toDay).toISOString(),
      months,
      series: rules.map((r) => ({
        themeCode: r.themeCode,
        themeName: r.themeName,
        counts: months.map((m) =>
          Number(rows.find((x) => x.theme_code === r.themeCode && x.month === m)?.n ?? 0),
        ),
      })),
    };
  }

  async rules(): Promise<ThemeRule[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT * FROM theme_rule ORDER BY theme_code`,
    );
    return rows.map((r) => ({
      id: r.id as string,
      themeCode: r.theme_code as string,
      themeName: r.theme_name as string,
      keywords: r.keywords as string[],
      categoryCodes: r.category_codes as string[],
      enabled: r.enabled as boolean,
      updatedAt: (r.updated_at as Date).toISOString(),
      updatedBy: r.updated_by as string,
    }));
  }

  /** Creates or replaces a rule and re-tags every complaint and case with the rules as they now are. */
  async saveRule(
    principal: Principal,
    id: string | null,
    rule: ThemeRuleRequest,
  ): Promise<ThemeRule> {
    const patterns = rule.keywords.map((k) => `%${k.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const ruleId = id ?? randomUUID();
    try {
      await this.dataSource.transaction(async (tx) => {
        const values = [
          ruleId,
          rule.themeCode,
          rule.themeName,
          rule.keywords,
          patterns,
          rule.categoryCodes,
          rule.enabled,
          principal.userId,
        ];
        if (id) {
          const updated: unknown[] = await tx.query(
            `UPDATE theme_rule SET theme_code = $2, theme_name = $3, keywords = $4, patterns = $5,
               category_codes = $6, enabled = $7, updated_at = now(), updated_by = $8
             WHERE id = $1 RETURNING id`,
            values,
          );
          if ((updated as unknown[][])[0]?.length === 0 || updated.length === 0)
            throw StatisticsError.notFound();
        } else {
          await tx.query(
            `INSERT INTO theme_rule (id, theme_code, theme_name, keywords, patterns, category_codes,
               enabled, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, now(), $8)`,
            values,
          );
        }
        await tagComplaintThemes(tx);
        await tagCaseThemes(tx);
        await tagSuggestionThemes(tx);
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new StatisticsError(
          HttpStatus.CONFLICT,
          StatisticsErrorCodes.themeCodeTaken,
          '主题代码已存在',
          [
            {
              path: 'themeCode',
              code: StatisticsErrorCodes.themeCodeTaken,
              message: '主题代码已存在',
            },
          ],
        );
      }
      throw error;
    }
    return (await this.rules()).find((r) => r.id === ruleId)!;
  }

  async deleteRule(id: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const [, deleted] = (await tx.query(`DELETE FROM theme_rule WHERE id = $1`, [id])) as [
        unknown,
        number,
      ];
      if (!deleted) throw StatisticsError.notFound();
      await tagComplaintThemes(tx);
      await tagCaseThemes(tx);
      await tagSuggestionThemes(tx);
    });
  }
}

const midnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
