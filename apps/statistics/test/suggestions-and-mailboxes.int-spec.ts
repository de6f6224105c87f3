import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import {
  caseRegisteredEvent,
  leaderMessageReceivedEvent,
  leaderMessageRepliedEvent,
  suggestionDecidedEvent,
  suggestionMarkedForStudyEvent,
  suggestionStudiedEvent,
  suggestionStudyAssignedEvent,
} from '@minsheng/contracts';
import { backingServices } from '@minsheng/testing';
import { compareReadModels, rebuildReadModels } from '../src/rebuild/read-model-rebuild.js';
import {
  StatisticsKit,
  at,
  endOf,
  publishCase,
  publishComplaint,
  type Json,
} from './support/statistics-kit.js';

const JJ = '510104';
const MARCH = 'divisionCode=510100&from=2026-03-01&to=2026-04-01';

/**
 * Suggestions of March 2026 in 锦江:
 *   S1 a letter about 拖欠工资 (theme wages-owed): studied by 人社局, adopted
 *   S2 an online suggestion whose complaint mentions 物业 (real-estate), only received — its case
 *      arrives before the complaint, so its theme comes once the complaint does
 *   S3 a suggestion on 路灯 (no theme): studied by 住建局, not adopted
 * Leader mailbox (领导信箱) matters to the party secretary's mailbox: replied on time, replied
 * late, not replied; and a message-board message replied on time beside them.
 */
describe('statistics: suggestions to adoption and leader mailboxes', () => {
  let kit: StatisticsKit;

  async function suggestion(s: {
    title: string;
    content: string;
    channel: 'letter' | 'online';
    sourceComplaintId?: string;
    organ?: [string, string];
    studied?: string;
    decided?: { at: string; outcome: 'adopted' | 'not-adopted' };
  }) {
    const caseId = randomUUID();
    const base = {
      caseId,
      petitionNumber: `XF${caseId.slice(0, 8)}`,
      sourceComplaintId: s.sourceComplaintId ?? null,
      divisionCode: JJ,
    };
    const registeredAt = at('2026-03-03');
    await kit.publish(
      caseRegisteredEvent,
      {
        ...base,
        kind: 'suggestion',
        channel: s.channel,
        registeredAt,
        categoryCode: '0101',
      },
      JJ,
    );
    if (!s.organ) return;
    const change = (stage: string, when: string) => ({
      ...base,
      categoryCode: '0101',
      title: s.title,
      content: s.content,
      stage,
      organId: s.organ![0],
      organName: s.organ![1],
      registeredAt,
      at: when,
    });
    await kit.publish(
      suggestionMarkedForStudyEvent,
      {
        ...change('worth-study', at('2026-03-05')),
        organId: null,
        organName: null,
        note: '有价值',
      },
      JJ,
    );
    await kit.publish(suggestionStudyAssignedEvent, change('assigned', at('2026-03-06')), JJ);
    if (s.studied) {
      await kit.publish(
        suggestionStudiedEvent,
        { ...change('studied', s.studied), findings: '可行' },
        JJ,
      );
    }
    if (s.decided) {
      const adopted = s.decided.outcome === 'adopted';
      await kit.publish(
        suggestionDecidedEvent,
        {
          ...change('decided', s.decided.at),
          outcome: s.decided.outcome,
          adoption: adopted
            ? {
                form: 'rule',
                title: '《欠薪快速处置办法》',
                reference: '成人社〔2026〕3号',
                adoptedOn: '2026-03-20',
              }
            : null,
          summary: adopted ? '已纳入制度' : null,
          reason: adopted ? null : '已有规定',
        },
        JJ,
      );
    }
  }

  beforeAll(async () => {
    kit = await StatisticsKit.start({ now: '2026-04-15T12:00:00+08:00' });
    await suggestion({
      title: '建议建立农民工工资保证金',
      content: '工地经常拖欠工资，建议建立保证金制度',
      channel: 'letter',
      organ: ['organ-hr', '人社局'],
      studied: at('2026-03-12'),
      decided: { at: at('2026-03-20'), outcome: 'adopted' },
    });
    const complaintId = randomUUID();
    await suggestion({
      title: '',
      content: '',
      channel: 'online',
      sourceComplaintId: complaintId,
    });
    await suggestion({
      title: '建议增设路灯',
      content: '小区门口路灯太少',
      channel: 'letter',
      organ: ['organ-build', '住建局'],
      studied: at('2026-03-15'),
      decided: { at: at('2026-03-25'), outcome: 'not-adopted' },
    });
    await kit.settled();
    // The complaint behind S2 arrives after its case: S2 is tagged then.
    await publishComplaint(kit, {
      division: JJ,
      title: '建议规范物业收费',
      content: '小区物业收费不透明，建议公示',
      submittedAt: at('2026-03-03', 9),
      categoryCode: '0101',
      complaintId,
      // S2's case is the one published above.
      withCase: false,
    });
    await kit.settled();

    const mailbox = (registered: string, replied?: string) =>
      publishCase(kit, {
        division: JJ,
        channel: 'leader-mailbox',
        addresseeMailboxId: 'mbx-510100-secretary',
        registered: at(registered),
        acceptBy: endOf('2026-03-20'),
        accepted: { at: at('2026-03-06'), concludeBy: endOf('2026-03-25') },
        replied: replied ? at(replied) : undefined,
      });
    await mailbox('2026-03-04', '2026-03-20');
    await mailbox('2026-03-05', '2026-03-28');
    await mailbox('2026-03-06');
    const ref = {
      messageId: randomUUID(),
      boardId: randomUUID(),
      externalId: randomUUID(),
      leaderId: 'leader-1',
      divisionCode: JJ,
      type: '建议',
      domain: '城建',
      claimDeadline: endOf('2026-03-03'),
      replyDeadline: endOf('2026-03-10'),
      leadOrganId: 'organ-1',
    };
    await kit.publish(
      leaderMessageReceivedEvent,
      { ...ref, postedAt: at('2026-03-02'), receivedAt: at('2026-03-02') },
      JJ,
    );
    await kit.publish(
      leaderMessageRepliedEvent,
      { ...ref, publishedAt: at('2026-03-09'), onTime: true },
      JJ,
    );
    await kit.settled();
  }, 60_000);

  afterAll(async () => {
    await kit?.stop();
  });

  it('counts suggestions received, studied and adopted by theme', async () => {
    const r: Json = await kit.ok(`/api/v1/statistics/suggestions?${MARCH}&groupBy=theme`);
    expect(r.total).toEqual({
      received: 3,
      studied: 2,
      adopted: 1,
      partlyAdopted: 0,
      notAdopted: 1,
    });
    const byKey = Object.fromEntries(r.series.map((s: Json) => [s.key, s]));
    expect(byKey['wages-owed']).toMatchObject({
      label: '拖欠工资',
      received: 1,
      studied: 1,
      adopted: 1,
    });
    // S2's theme came from its complaint, which arrived after the case.
    expect(byKey['real-estate']).toMatchObject({ label: '房地产', received: 1, studied: 0 });
    expect(byKey['-']).toMatchObject({ label: '未归类', notAdopted: 1 });
    // Outside March nothing falls in the period.
    const april: Json = await kit.ok(
      '/api/v1/statistics/suggestions?divisionCode=510100&from=2026-04-01&to=2026-04-15',
    );
    expect(april.total.received).toBe(0);
  });

  it('counts them by the organ that studied them', async () => {
    const r: Json = await kit.ok(`/api/v1/statistics/suggestions?${MARCH}&groupBy=organ`);
    const byKey = Object.fromEntries(r.series.map((s: Json) => [s.key, s]));
    expect(byKey['organ-hr']).toMatchObject({ label: '人社局', received: 1, adopted: 1 });
    expect(byKey['organ-build']).toMatchObject({ label: '住建局', studied: 1, notAdopted: 1 });
    expect(byKey['-']).toMatchObject({ label: '未指定单位', received: 1 });
  });

  it('gives leader-mailbox figures by addressee beside the message board', async () => {
    const r: Json = await kit.ok(`/api/v1/statistics/leader-mailboxes?${MARCH}`);
    expect(r.mailboxes).toEqual([
      {
        mailboxId: 'mbx-510100-secretary',
        received: 3,
        replied: 2,
        onTimeReply: { numerator: 1, denominator: 2, rate: 0.5 },
      },
    ]);
    expect(r.messageBoard).toEqual({
      received: 1,
      replied: 1,
      onTimeReply: { numerator: 1, denominator: 1, rate: 1 },
    });
    const channels: Json = await kit.ok(`/api/v1/statistics/volumes?${MARCH}&groupBy=channel`);
    expect(channels.series.find((s: Json) => s.key === 'leader-mailbox')).toMatchObject({
      label: '领导信箱',
      registered: 3,
    });
  });

  it('puts suggestions and mailboxes in the monthly digest, HTML and Excel', async () => {
    const html = await kit.get('/api/v1/statistics/digest?divisionCode=510100&month=2026-03');
    expect(html.body).toContain(
      '七、意见建议：收到3件，完成研究2件，采纳1件、部分采纳0件、未采纳1件',
    );
    expect(html.body).toContain('拖欠工资收到1件、采纳1件');
    expect(html.body).toContain('领导信箱收到3件，已答复2件，按期答复率50.0%');
    const xlsx = await kit.get(
      '/api/v1/statistics/digest?divisionCode=510100&month=2026-03&format=xlsx',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('意见建议（按主题）')!;
    const total = sheet.getRow(sheet.rowCount).values as unknown[];
    expect(total.slice(1)).toEqual(['合计', 3, 2, 1, 0, 1]);
    expect(book.getWorksheet('领导信箱')!.getRow(2).values).toEqual([
      undefined,
      'mbx-510100-secretary',
      3,
      2,
      1,
      50,
    ]);
  });

  it('refuses a grouping it does not know', async () => {
    const r = await kit.get(`/api/v1/statistics/suggestions?${MARCH}&groupBy=leader`);
    expect([r.statusCode, r.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('rebuilds suggestions and mailbox fields into tables identical to the live ones', async () => {
    const nc = await connect({ servers: backingServices().natsUrl });
    const live = kit.service.schema.name;
    const target = `${live}_rebuild`;
    await rebuildReadModels({
      databaseUrl: backingServices().databaseUrl,
      nc,
      namespace: kit.service.namespace,
      liveSchema: live,
      targetSchema: target,
    });
    await nc.close();
    const ds = new DataSource({ type: 'postgres', url: backingServices().databaseUrl });
    await ds.initialize();
    try {
      const differences = await compareReadModels(ds, live, target);
      expect(differences).toEqual(Object.fromEntries(Object.keys(differences).map((t) => [t, 0])));
      const [n] = await ds.query(`SELECT count(*)::int AS n FROM "${target}".suggestion_fact`);
      expect(n.n).toBe(3);
    } finally {
      await ds.query(`DROP SCHEMA IF EXISTS "${target}" CASCADE`);
      await ds.destroy();
    }
  }, 30_000);
});
