import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@minsheng/auth';
import { AnalysisQueries } from '../analysis/analysis-queries.js';
import { StatisticsQueries } from '../measures/statistics-queries.js';
import { SuggestionQueries } from '../measures/suggestion-queries.js';
import { resolveScope, scopeDays } from '../measures/statistics-scope.js';
import { ancestorColumn, divisionName } from '../read-model/division-path.js';
import {
  htmlDocument,
  mailboxRow,
  ratesTable,
  suggestionsTable,
  toXlsx,
  volumesTable,
  type ReportTable,
} from './report-tables.js';

const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
const LEVELS: Record<string, string> = {
  blue: '蓝色',
  yellow: '黄色',
  orange: '橙色',
  red: '红色',
};
const KINDS: Record<string, string> = {
  'topic-surge': '热点激增',
  'collective-action': '群体性苗头',
  mobilisation: '煽动性言论',
};

/** 每月梳理汇总: the month's situation, rates, top problems, warnings and typical cases. */
@Injectable()
export class MonthlyDigestUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly statistics: StatisticsQueries,
    private readonly analysis: AnalysisQueries,
    private readonly suggestionFigures: SuggestionQueries,
  ) {}

  async build(principal: Principal, divisionCode: string | undefined, month: string, now: Date) {
    const [y, m] = month.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const scope = resolveScope(principal, { divisionCode, from: `${month}-01`, to: next }, now);
    const rates = await this.statistics.rates(scope, 'division');
    const volumes = await this.statistics.volumes(scope, 'division');
    const byCategory = await this.statistics.volumes(scope, 'category');
    const hotspots = await this.analysis.hotspots(scope, 10);
    const warnings = (
      await this.analysis.warnings(principal, scope.divisionCode, { limit: 500 })
    ).filter(
      (w) => w.detectedAt >= `${scope.fromDay}` && w.windowEnd < `${scope.toDay}T23:59:59+08:00`,
    );
    const themes = await this.analysis.themes(scope);
    const suggestions = await this.suggestionFigures.suggestions(scope, 'theme');
    const suggestionsByOrgan = await this.suggestionFigures.suggestions(scope, 'organ');
    const mailboxes = await this.suggestionFigures.leaderMailboxes(scope);
    // A complaint not analysed yet (keywords NULL, its case still on its way) matches no topic.
    const typical: Array<{ title: string; division_code: string; day: string }> =
      await this.dataSource.query(
        `SELECT title, division_code, to_char(day, 'YYYY-MM-DD') AS day FROM complaint_doc
          WHERE ${ancestorColumn(scope.divisionCode)} = $1 AND day >= $2 AND day < $3
            AND keywords && $4 ORDER BY submitted_at LIMIT 10`,
        [
          scope.divisionCode,
          scope.fromDay,
          scope.toDay,
          hotspots.hotspots.slice(0, 3).map((h) => h.topic),
        ],
      );
    const t = rates.total;
    const v = volumes.total;
    const title = `${divisionName(scope.divisionCode)}${y}年${m}月信访工作梳理汇总`;
    const paragraphs = [
      `一、总体情况：本月新增信访事项${v.registered}件，其中网上信访${v.online}件（占${pct(t.onlineShare.rate)}）；办结${v.concluded}件，月末积存${v.backlog}件，其中超期${v.overdue}件。`,
      `二、领导留言：收到留言${v.leaderMessages}件，答复${v.leaderMessagesReplied}件，按期答复率${pct(t.leaderMessageOnTimeReply.rate)}。领导信箱收到${mailboxes.total.received}件，已答复${mailboxes.total.replied}件，按期答复率${pct(mailboxes.total.onTimeReply.rate)}。领导接访${v.receptionsHeld}场、接待群众${v.peopleReceived}人次，包案${v.casesTakenOn}件、已化解${v.casesTakenOnResolved}件。`,
      `三、“三率”情况：及时受理率${pct(t.timelyAcceptance.rate)}，按期办结率${pct(t.onTimeConclusion.rate)}，群众对信访部门满意率${pct(t.officeSatisfaction.rate)}、对责任单位满意率${pct(t.organSatisfaction.rate)}，参评率${pct(t.ratingParticipation.rate)}。`,
      `四、突出问题：${
        hotspots.hotspots
          .slice(0, 5)
          .map((h) => `“${h.topic}”${h.count}件`)
          .join('，') || '无'
      }。`,
      `五、预警情况：本月预警${warnings.length}条${
        warnings.length
          ? `，${warnings
              .slice(0, 5)
              .map((w) => `${w.divisionName}${LEVELS[w.level]}${KINDS[w.kind]}（${w.topic}）`)
              .join('；')}`
          : ''
      }。`,
      `六、主题分析：${
        themes.themes
          .filter((x) => x.count > 0)
          .map((x) => `${x.themeName}${x.count}件`)
          .join('，') || '无'
      }。`,
      `七、意见建议：收到${suggestions.total.received}件，完成研究${suggestions.total.studied}件，采纳${suggestions.total.adopted}件、部分采纳${suggestions.total.partlyAdopted}件、未采纳${suggestions.total.notAdopted}件${
        suggestions.series.filter((x) => x.key !== '-' && x.received + x.adopted > 0).length
          ? `；其中${suggestions.series
              .filter((x) => x.key !== '-' && x.received + x.adopted > 0)
              .map((x) => `${x.label}收到${x.received}件、采纳${x.adopted + x.partlyAdopted}件`)
              .join('，')}`
          : ''
      }。`,
      `八、典型事项：${typical.map((c) => `${c.day} ${divisionName(c.division_code)}“${c.title}”`).join('；') || '无'}。`,
    ];
    const tables: ReportTable[] = [
      volumesTable(volumes, '分地区信访总量'),
      ratesTable(rates, '分地区三率'),
      volumesTable(byCategory, '分类别信访总量'),
      {
        name: '热点问题',
        headers: ['关键词', '件数', '涉及地区数', '前期均值', 'p值', '类型'],
        rows: hotspots.hotspots.map((h) => [
          h.topic,
          h.count,
          h.divisions,
          h.baseline,
          Number(h.pValue.toPrecision(3)),
          h.classes.join('/'),
        ]),
      },
      {
        name: '预警',
        headers: ['地区', '类型', '级别', '事项', '信访人数', '状态', '摘要'],
        rows: warnings.map((w) => [
          w.divisionName,
          KINDS[w.kind],
          LEVELS[w.level],
          w.topic,
          w.petitioners,
          w.status,
          w.summary,
        ]),
      },
      {
        name: '主题分析',
        headers: ['主题', '件数'],
        rows: themes.themes.map((x) => [x.themeName, x.count]),
      },
      suggestionsTable(suggestions, '意见建议（按主题）'),
      suggestionsTable(suggestionsByOrgan, '意见建议（按研究单位）'),
      {
        name: '领导信箱',
        headers: ['信箱', '收到', '已答复', '按期答复', '按期答复率(%)'],
        rows: [
          ...mailboxes.mailboxes.map((m) => mailboxRow(m.mailboxId, m)),
          mailboxRow('信箱合计', mailboxes.total),
          mailboxRow('留言板', mailboxes.messageBoard),
        ],
      },
    ];
    return {
      title,
      html: () => htmlDocument(title, paragraphs, tables),
      xlsx: () =>
        toXlsx(tables, [
          [title, ''],
          ...paragraphs.map((p, i) => [`${i + 1}`, p] as [string, string]),
        ]),
    };
  }
}

export { scopeDays };
