import type { RatesResponse, Ratio } from '@minsheng/contracts';

/** 0.873 → "87.3%"; no denominator → "—". */
export function percent(ratio: Ratio | null | undefined): string {
  if (!ratio || ratio.rate === null) return '—';
  return `${(ratio.rate * 100).toFixed(1)}%`;
}

/** The three rates over time as ECharts line series (percentages, gaps where undefined). */
export function ratesChartOption(
  rates: RatesResponse,
  names: { timely: string; onTime: string; satisfaction: string },
) {
  const pct = (r: Ratio) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rates.series.map((s) => s.label) },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: names.timely, type: 'line', data: rates.series.map((s) => pct(s.timelyAcceptance)) },
      { name: names.onTime, type: 'line', data: rates.series.map((s) => pct(s.onTimeConclusion)) },
      {
        name: names.satisfaction,
        type: 'line',
        data: rates.series.map((s) => pct(s.officeSatisfaction)),
      },
    ],
  };
}

/** The month before `now` as YYYY-MM (the digest's default). */
export function previousMonth(now: Date = new Date()): string {
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return date.toISOString().slice(0, 7);
}
