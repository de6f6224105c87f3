import ExcelJS from 'exceljs';
import type {
  Ratio,
  RatesResponse,
  SuggestionStatisticsResponse,
  VolumesResponse,
} from '@minsheng/contracts';

/** A flat table: Chinese headers and rows, for CSV, Excel and the HTML digest alike. */
export interface ReportTable {
  name: string;
  headers: string[];
  rows: Array<Array<string | number | null>>;
}

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

export function ratesTable(r: RatesResponse, name = '三率统计'): ReportTable {
  const row = (label: string, p: RatesResponse['total']) => [
    label,
    pct(p.timelyAcceptance.rate),
    pct(p.onTimeConclusion.rate),
    pct(p.officeSatisfaction.rate),
    pct(p.organSatisfaction.rate),
    pct(p.ratingParticipation.rate),
    pct(p.onlineShare.rate),
    pct(p.leaderMessageOnTimeReply.rate),
  ];
  return {
    name,
    headers: [
      '分组',
      '及时受理率(%)',
      '按期办结率(%)',
      '信访部门满意率(%)',
      '责任单位满意率(%)',
      '参评率(%)',
      '网上信访占比(%)',
      '留言按期答复率(%)',
    ],
    rows: [...r.series.map((s) => row(s.label, s)), row('合计', r.total)],
  };
}

export function volumesTable(v: VolumesResponse, name = '信访总量'): ReportTable {
  const row = (label: string, p: VolumesResponse['total']) => [
    label,
    p.registered,
    p.online,
    p.concluded,
    p.backlog,
    p.overdue,
    p.leaderMessages,
    p.leaderMessagesReplied,
    p.receptionsHeld,
    p.peopleReceived,
    p.casesTakenOn,
    p.casesTakenOnResolved,
  ];
  return {
    name,
    headers: [
      '分组',
      '新增',
      '网上',
      '办结',
      '积存',
      '超期',
      '领导留言',
      '已答复留言',
      '接访场次',
      '接待人次',
      '领导包案',
      '包案化解',
    ],
    rows: [...v.series.map((s) => row(s.label, s)), row('合计', v.total)],
  };
}

export function suggestionsTable(r: SuggestionStatisticsResponse, name = '意见建议'): ReportTable {
  const row = (label: string, c: SuggestionStatisticsResponse['total']) => [
    label,
    c.received,
    c.studied,
    c.adopted,
    c.partlyAdopted,
    c.notAdopted,
  ];
  return {
    name,
    headers: [
      r.groupBy === 'theme' ? '主题' : '研究单位',
      '收到',
      '完成研究',
      '采纳',
      '部分采纳',
      '未采纳',
    ],
    rows: [...r.series.map((s) => row(s.label, s)), row('合计', r.total)],
  };
}

export function mailboxRow(
  label: string,
  f: { received: number; replied: number; onTimeReply: Ratio },
): Array<string | number | null> {
  return [label, f.received, f.replied, f.onTimeReply.numerator, pct(f.onTimeReply.rate)];
}

/** RFC 4180 CSV with a BOM, so Excel opens the Chinese correctly. */
export function toCsv(table: ReportTable): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [table.headers, ...table.rows].map((r) => r.map(cell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(
  tables: ReportTable[],
  cover?: Array<[string, string]>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '民声 · 信访数据统计分析系统';
  if (cover) {
    const sheet = workbook.addWorksheet('概要');
    sheet.columns = [{ width: 24 }, { width: 80 }];
    for (const line of cover) sheet.addRow(line);
    sheet.getRow(1).font = { bold: true, size: 14 };
  }
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31));
    sheet.addRow(table.headers).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((c, i) => {
      c.width = i === 0 ? 28 : 14;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function tableHtml(table: ReportTable): string {
  const head = table.headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = table.rows
    .map(
      (r) =>
        `<tr>${r.map((v) => `<td>${v === null ? '—' : escape(String(v))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<h2>${escape(table.name)}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function htmlDocument(title: string, paragraphs: string[], tables: ReportTable[]): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
  body { font-family: "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; margin: 2em; color: #222; }
  h1 { text-align: center; font-size: 22px; } h2 { font-size: 17px; border-left: 4px solid #b22; padding-left: 8px; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; font-size: 13px; }
  th, td { border: 1px solid #999; padding: 4px 6px; text-align: center; } th { background: #f3f3f3; }
  @media print { body { margin: 0; } h2 { page-break-after: avoid; } table { page-break-inside: avoid; } }
</style></head><body>
<h1>${escape(title)}</h1>
${paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
${tables.map(tableHtml).join('\n')}
</body></html>`;
}
