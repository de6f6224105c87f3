import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { backingServices } from '@minsheng/testing';
import { compareReadModels, rebuildReadModels } from '../src/rebuild/read-model-rebuild.js';
import {
  StatisticsKit,
  at,
  petitionKeywords,
  publishComplaint,
  publishComplaintCase,
  type ComplaintScript,
  type Json,
} from './support/statistics-kit.js';

const NOW = '2026-04-10T12:00:00+08:00';

/** Ten petitioners on one matter in 锦江 within two days: a surge and a collective warning. */
const BURST: Array<ComplaintScript & { complaintId: string }> = Array.from(
  { length: 10 },
  (_, i) => ({
    complaintId: randomUUID(),
    division: '510104',
    title: '开发商逾期交房',
    content: `我们购买的锦城花园${i + 1}栋商品房，开发商逾期两年仍未交房，业主多次协商无果，请求政府督促开发商尽快交房。`,
    submittedAt: at(i < 5 ? '2026-04-08' : '2026-04-09', 9 + i),
    petitioner: `burst-${i}`,
    categoryCode: 'housing',
  }),
);

/** A complaint's analysed state, topic counts and warnings, comparable across schemas. */
async function analysis(kit: StatisticsKit) {
  const q = (sql: string) => kit.service.schema.query(sql);
  return {
    docs: await q(`SELECT * FROM complaint_doc WHERE city_code = '510100' ORDER BY complaint_id`),
    topics: await q(
      `SELECT * FROM topic_daily WHERE city_code = '510100' ORDER BY topic, division_code, day`,
    ),
    warnings: await q(`SELECT * FROM warning WHERE province_code = '510000' ORDER BY id`),
  };
}

/**
 * A complaint's keywords come with its case (`petition.case.registered`), which statistics
 * consumes on another subject in parallel: the same complaints, fed to one service with both
 * events at once (the consumers race) and to another with every case first (as a rebuild replays
 * them), must end in the same documents, topic counts and warnings.
 */
describe('statistics: complaints analysed with the keywords of their cases', () => {
  let live: StatisticsKit;
  let caseFirst: StatisticsKit;
  let waitingBeforeComplaints = 0;

  beforeAll(async () => {
    [live, caseFirst] = await Promise.all([
      StatisticsKit.start({ now: NOW }),
      StatisticsKit.start({ now: NOW }),
    ]);
    for (const c of BURST) await publishComplaint(live, c);
    for (const c of BURST) await publishComplaintCase(caseFirst, c);
    await caseFirst.settled();
    waitingBeforeComplaints = await caseFirst.service.schema.count('complaint_keywords');
    for (const c of BURST) await publishComplaint(caseFirst, { ...c, withCase: false });
    await Promise.all([live.settled(), caseFirst.settled()]);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([live?.stop(), caseFirst?.stop()]);
  });

  it('gives the same documents, topic counts and warnings whichever event of a complaint comes first', async () => {
    expect(waitingBeforeComplaints).toBe(BURST.length);
    const a = await analysis(live);
    const b = await analysis(caseFirst);
    expect(a.docs).toHaveLength(BURST.length);
    expect(a.warnings.map((w) => w.kind)).toEqual(
      expect.arrayContaining(['topic-surge', 'collective-action']),
    );
    expect(b).toEqual(a);
    // Each complaint's five keywords counted once, and nothing left waiting.
    for (const kit of [live, caseFirst]) {
      const [sum] = await kit.service.schema.query<{ n: number }>(
        `SELECT sum(count)::int AS n FROM topic_daily`,
      );
      expect(sum.n).toBe(BURST.length * 5);
      expect(await kit.service.schema.count('complaint_keywords')).toBe(0);
    }
    const first = a.docs.find((d) => d.complaint_id === BURST[0].complaintId)!;
    expect(first.keywords).toEqual(
      (await petitionKeywords(BURST[0].title, BURST[0].content)).map((k) => k.keyword),
    );
  });

  it('stores a complaint whose case has not come yet, for its text, and counts its keywords once the case comes', async () => {
    const waiting = {
      complaintId: randomUUID(),
      division: '510302',
      title: '拖欠农民工工资',
      content: '某建筑公司拖欠我们农民工工资半年，大家准备集体上访讨薪。',
      submittedAt: at('2026-04-06'),
      categoryCode: 'wages',
    };
    await publishComplaint(live, { ...waiting, withCase: false });
    await live.settled();
    const [doc] = await live.service.schema.query<{ keywords: string[] | null }>(
      `SELECT keywords FROM complaint_doc WHERE complaint_id = $1`,
      [waiting.complaintId],
    );
    expect(doc.keywords).toBeNull();
    expect(await live.service.schema.count('topic_daily', `division_code = '510302'`)).toBe(0);
    // What needs only the text is there already: themes and mobilisation language.
    const themes: Json = await live.ok(
      '/api/v1/statistics/themes?divisionCode=510300&from=2026-04-01&to=2026-04-10',
      'analyst',
      '510000',
    );
    expect(themes.total).toBe(1);
    expect(themes.themes.find((t: Json) => t.themeCode === 'wages-owed').count).toBe(1);
    const warnings: Json = await live.ok(
      '/api/v1/statistics/warnings?divisionCode=510302',
      'analyst',
      '510000',
    );
    expect(
      warnings.warnings.map((w: Json) => [w.kind, w.evidence.map((e: Json) => e.complaintId)]),
    ).toEqual([['mobilisation', [waiting.complaintId]]]);

    await publishComplaintCase(live, waiting);
    await live.settled();
    const keywords = (await petitionKeywords(waiting.title, waiting.content)).map((k) => k.keyword);
    const [analysed] = await live.service.schema.query<{ keywords: string[] }>(
      `SELECT keywords FROM complaint_doc WHERE complaint_id = $1`,
      [waiting.complaintId],
    );
    expect(analysed.keywords).toEqual(keywords);
    const topics = await live.service.schema.query<{ topic: string; count: number }>(
      `SELECT topic, count FROM topic_daily WHERE division_code = '510302' ORDER BY topic`,
    );
    expect(topics).toEqual([...keywords].sort().map((topic) => ({ topic, count: 1 })));
  });

  it('counts a complaint once however often either of its events comes, in either order', async () => {
    const script = {
      complaintId: randomUUID(),
      caseId: randomUUID(),
      division: '510304',
      title: '小区噪音扰民',
      content: '楼下烧烤店每晚营业到凌晨，油烟和噪音严重扰民，请环保部门查处。',
      submittedAt: at('2026-04-07'),
    };
    // The case twice before its complaint, then the complaint twice and the case a third time.
    await publishComplaintCase(live, script);
    await publishComplaintCase(live, script);
    await live.settled();
    expect(await live.service.schema.count('complaint_keywords')).toBe(1);
    await publishComplaint(live, { ...script, withCase: false });
    await publishComplaint(live, { ...script, withCase: false });
    await publishComplaintCase(live, script);
    await live.settled();
    expect(await live.service.schema.count('complaint_keywords')).toBe(0);
    expect(await live.service.schema.count('complaint_doc', `division_code = '510304'`)).toBe(1);
    const topics = await live.service.schema.query<{ count: number }>(
      `SELECT count FROM topic_daily WHERE division_code = '510304'`,
    );
    expect(topics.map((t) => t.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('rebuilds into the same tables, complaints not analysed yet and keywords still waiting included', async () => {
    // A complaint whose case has not come, and a case whose complaint has not come.
    const base = {
      division: '510303',
      title: '路灯不亮',
      content: '小区路灯坏了很久，晚上出行不便。',
      submittedAt: at('2026-04-09'),
    };
    await publishComplaint(live, { ...base, withCase: false });
    await publishComplaintCase(live, { ...base, complaintId: randomUUID() });
    await live.settled();
    const nc = await connect({ servers: backingServices().natsUrl });
    const schema = live.service.schema.name;
    const target = `${schema}_rebuild`;
    await rebuildReadModels({
      databaseUrl: backingServices().databaseUrl,
      nc,
      namespace: live.service.namespace,
      liveSchema: schema,
      targetSchema: target,
    });
    await nc.close();
    const ds = new DataSource({ type: 'postgres', url: backingServices().databaseUrl });
    await ds.initialize();
    try {
      const differences = await compareReadModels(ds, schema, target);
      expect(differences).toEqual(Object.fromEntries(Object.keys(differences).map((t) => [t, 0])));
      const [counts] = await ds.query(
        `SELECT (SELECT count(*)::int FROM "${target}".complaint_keywords) AS waiting,
                (SELECT count(*)::int FROM "${target}".complaint_doc WHERE keywords IS NULL) AS unanalysed,
                (SELECT count(*)::int FROM "${target}".warning) AS warnings`,
      );
      expect(counts).toEqual({ waiting: 1, unanalysed: 1, warnings: expect.any(Number) });
      expect(counts.warnings).toBeGreaterThan(1);
    } finally {
      await ds.query(`DROP SCHEMA IF EXISTS "${target}" CASCADE`);
      await ds.destroy();
    }
  }, 30_000);
});
