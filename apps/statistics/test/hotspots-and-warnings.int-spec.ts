import { StatisticsKit, at, publishComplaint, type Json } from './support/statistics-kit.js';

const BACKGROUND: Array<[string, string]> = [
  ['小区路灯不亮', '晚上小区路灯坏了很久，居民出行不便，请尽快维修路灯。'],
  ['道路坑洼积水', '门前道路坑洼不平，下雨天积水严重，希望修补路面。'],
  ['夜间施工噪音', '附近工地夜间施工噪音很大，严重影响休息。'],
  ['垃圾清运不及时', '小区垃圾桶满了没人清运，气味难闻，请环卫部门处理。'],
  ['学校周边拥堵', '学校门口上下学时段交通拥堵，希望增派交警疏导。'],
  ['医保报销太慢', '医保报销手续繁琐，报销款迟迟不到账，请相关部门加快办理。'],
];
const COUNTIES = ['510104', '510105', '510106', '510107'];
const day = (offset: number) =>
  new Date(Date.parse('2026-02-01T00:00:00Z') + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Nine weeks of ordinary complaints spread over four counties, then a burst of one matter —
 * a developer's late handover of flats — from ten petitioners in 锦江 within two days.
 */
describe('statistics: hotspots and early warning', () => {
  let kit: StatisticsKit;
  const burst: string[] = [];

  beforeAll(async () => {
    kit = await StatisticsKit.start({ now: '2026-04-10T12:00:00+08:00' });
    let n = 0;
    for (let d = 0; d < 63; d += 1) {
      const [title, content] = BACKGROUND[d % BACKGROUND.length];
      await publishComplaint(kit, {
        division: COUNTIES[(d * 7 + n) % COUNTIES.length],
        title,
        content,
        submittedAt: at(day(d), 9 + (d % 8)),
        categoryCode: `c${d % BACKGROUND.length}`,
      });
      n += 1;
    }
    for (let i = 0; i < 10; i += 1) {
      burst.push(
        await publishComplaint(kit, {
          division: '510104',
          title: '开发商逾期交房',
          content: `我们购买的锦城花园${i + 1}栋商品房，开发商逾期两年仍未交房，业主多次协商无果，请求政府督促开发商尽快交房。`,
          submittedAt: at(i < 5 ? '2026-04-08' : '2026-04-09', 9 + i),
          categoryCode: 'housing',
        }),
      );
    }
    await kit.settled(40_000);
  }, 90_000);

  afterAll(async () => {
    await kit?.stop();
  });

  it('warns of the burst in its county, and of nothing in the background', async () => {
    const body: Json = await kit.ok('/api/v1/statistics/warnings?divisionCode=510100');
    expect(body.warnings.length).toBeGreaterThan(0);
    for (const w of body.warnings) {
      expect(
        w.evidence.map((e: Json) => e.complaintId).every((id: string) => burst.includes(id)),
      ).toBe(true);
    }
    const surge = body.warnings.find(
      (w: Json) => w.kind === 'topic-surge' && w.divisionCode === '510104',
    );
    expect(surge).toBeDefined();
    const [burstKeywords] = await kit.service.schema.query<{ k: string[] }>(
      `SELECT array_agg(DISTINCT k) AS k FROM complaint_doc, unnest(keywords) k
        WHERE complaint_id = ANY($1)`,
      [burst],
    );
    expect(burstKeywords.k).toContain(surge.topic);
    expect(surge.observed).toBeGreaterThanOrEqual(5);
    expect(surge.pValue).toBeLessThan(1e-4);
    expect(surge.classes).toEqual(expect.arrayContaining(['trending', 'incipient']));
    const collective = body.warnings.find((w: Json) => w.kind === 'collective-action');
    expect(collective).toMatchObject({ divisionCode: '510104', petitioners: 10 });
  });

  it('keeps an acknowledgement and handling trail on a warning', async () => {
    const [w]: Json[] = (await kit.ok('/api/v1/statistics/warnings?divisionCode=510104')).warnings;
    const token = await kit.service.keys.token('supervisor', '510104');
    const post = (path: string, payload: object) =>
      kit.service.http.inject({
        method: 'POST',
        url: `/api/v1/statistics/warnings/${w.id}/${path}`,
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
    expect((await post('acknowledge', {})).json().status).toBe('acknowledged');
    expect((await post('handling', { note: '已约谈开发商，督促交房' })).json().status).toBe(
      'handling',
    );
    const closed: Json = (await post('handling', { note: '已交房', close: true })).json();
    expect(closed.status).toBe('closed');
    expect(closed.trail.map((t: Json) => [t.action, t.note])).toEqual([
      ['acknowledged', null],
      ['handling', '已约谈开发商，督促交房'],
      ['closed', '已交房'],
    ]);
    const again = await post('handling', { note: '再次' });
    expect([again.statusCode, again.json().code]).toEqual([409, 'STATISTICS_WARNING_CLOSED']);
    const empty = await post('handling', { note: '' });
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('ranks the burst topic as a trending, incipient hotspot of the county', async () => {
    const body: Json = await kit.ok(
      '/api/v1/statistics/hotspots?divisionCode=510104&from=2026-04-03&to=2026-04-10',
    );
    const top = body.hotspots.find((h: Json) => h.topic === '开发商' || h.topic === '交房');
    expect(top.count).toBe(10);
    expect(top.classes).toEqual(expect.arrayContaining(['trending', 'incipient']));
  });

  it('tags themes by editable rules and re-tags when a rule changes', async () => {
    const period = 'divisionCode=510100&from=2026-02-01&to=2026-04-10';
    const themes: Json = await kit.ok(`/api/v1/statistics/themes?${period}`);
    expect(themes.themes.find((t: Json) => t.themeCode === 'real-estate').count).toBe(10);
    const token = await kit.service.keys.token('analyst', '510100');
    const created = await kit.service.http.inject({
      method: 'POST',
      url: '/api/v1/statistics/theme-rules',
      headers: { authorization: `Bearer ${token}` },
      payload: { themeCode: 'medical-insurance', themeName: '医疗保障', keywords: ['医保'] },
    });
    expect(created.statusCode).toBe(201);
    const trends: Json = await kit.ok(
      `/api/v1/statistics/themes/trends?${period}&themeCode=medical-insurance`,
    );
    expect(trends.months).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(trends.series[0].counts.reduce((a: number, b: number) => a + b, 0)).toBe(10);
    const duplicate = await kit.service.http.inject({
      method: 'POST',
      url: '/api/v1/statistics/theme-rules',
      headers: { authorization: `Bearer ${token}` },
      payload: { themeCode: 'medical-insurance', themeName: '重复' },
    });
    expect([duplicate.statusCode, duplicate.json().code]).toEqual([
      409,
      'STATISTICS_THEME_RULE_EXISTS',
    ]);
  });
});
