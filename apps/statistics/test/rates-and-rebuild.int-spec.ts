import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import {
  caseOwnershipTakenEvent,
  leaderMessageConvertedToCaseEvent,
  leaderMessageReceivedEvent,
  leaderMessageRepliedEvent,
  receptionHeldEvent,
} from '@minsheng/contracts';
import { backingServices } from '@minsheng/testing';
import { compareReadModels, rebuildReadModels } from '../src/rebuild/read-model-rebuild.js';
import { StatisticsKit, at, endOf, publishCase, type Json } from './support/statistics-kit.js';

const MARCH = 'divisionCode=510100&from=2026-03-01&to=2026-04-01';

/**
 * Eight hand-checked cases of March 2026 (seven in Chengdu 510100, one in Zigong outside it):
 *   A 锦江 online  accepted on time, concluded on time, rated 满意/满意
 *   B 锦江 letter  accepted late,    concluded late,    rated 基本满意/不满意
 *   C 锦江 online  accepted on time, open, conclusion deadline 03-20 passed  (open overdue)
 *   D 锦江 visit   declined on time
 *   E 锦江 online  undecided, acceptance deadline 03-21 passed             (open overdue)
 *   F 青羊 phone   accepted on time, open, deadline 04-30 not yet passed
 *   H 锦江 letter  accepted on time, concluded on time, not rated
 *   G 自贡 online  accepted, concluded, rated 不满意 — outside Chengdu's subtree
 */
describe('statistics: rates from a hand-checked set, and the rebuild', () => {
  let kit: StatisticsKit;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    kit = await StatisticsKit.start({ now: '2026-04-15T12:00:00+08:00' });
    const jj = '510104';
    numbers.A = (
      await publishCase(kit, {
        division: jj,
        channel: 'online',
        registered: at('2026-03-02'),
        acceptBy: endOf('2026-03-17'),
        accepted: { at: at('2026-03-05'), concludeBy: endOf('2026-05-04') },
        concluded: at('2026-03-20'),
        rated: { at: at('2026-03-22'), office: 'satisfied', organ: 'satisfied' },
      })
    ).petitionNumber;
    await publishCase(kit, {
      division: jj,
      channel: 'letter',
      registered: at('2026-03-03'),
      acceptBy: endOf('2026-03-18'),
      accepted: { at: at('2026-03-25'), concludeBy: endOf('2026-03-28') },
      concluded: at('2026-03-30'),
      rated: { at: at('2026-03-31'), office: 'basically-satisfied', organ: 'dissatisfied' },
    });
    numbers.C = (
      await publishCase(kit, {
        division: jj,
        channel: 'online',
        registered: at('2026-03-04'),
        acceptBy: endOf('2026-03-19'),
        accepted: { at: at('2026-03-06'), concludeBy: endOf('2026-03-20') },
      })
    ).petitionNumber;
    await publishCase(kit, {
      division: jj,
      channel: 'visit',
      registered: at('2026-03-05'),
      acceptBy: endOf('2026-03-19'),
      declined: at('2026-03-10'),
    });
    await publishCase(kit, {
      division: jj,
      channel: 'online',
      registered: at('2026-03-06'),
      acceptBy: endOf('2026-03-21'),
    });
    await publishCase(kit, {
      division: '510105',
      channel: 'phone',
      registered: at('2026-03-07'),
      acceptBy: endOf('2026-03-22'),
      accepted: { at: at('2026-03-08'), concludeBy: endOf('2026-04-30') },
    });
    await publishCase(kit, {
      division: jj,
      channel: 'letter',
      registered: at('2026-03-09'),
      acceptBy: endOf('2026-03-24'),
      accepted: { at: at('2026-03-10'), concludeBy: endOf('2026-03-31') },
      concluded: at('2026-03-25'),
    });
    await publishCase(kit, {
      division: '510302',
      channel: 'online',
      registered: at('2026-03-08'),
      acceptBy: endOf('2026-03-23'),
      accepted: { at: at('2026-03-09'), concludeBy: endOf('2026-04-30') },
      concluded: at('2026-03-12'),
      rated: { at: at('2026-03-13'), office: 'dissatisfied', organ: 'dissatisfied' },
    });

    // Leader messages in 锦江: on time, late, unreplied past the deadline, and one turned into a case.
    const message = async (deadline: string, published: string | null, converted = false) => {
      const ref = {
        messageId: randomUUID(),
        boardId: randomUUID(),
        externalId: randomUUID(),
        leaderId: 'leader-1',
        divisionCode: jj,
        type: '投诉',
        domain: '城建',
        claimDeadline: endOf('2026-03-03'),
        replyDeadline: endOf(deadline),
        leadOrganId: 'organ-1',
      };
      await kit.publish(
        leaderMessageReceivedEvent,
        { ...ref, postedAt: at('2026-03-01'), receivedAt: at('2026-03-01') },
        jj,
      );
      if (published) {
        await kit.publish(
          leaderMessageRepliedEvent,
          { ...ref, publishedAt: at(published), onTime: published <= deadline },
          jj,
        );
      }
      if (converted) {
        await kit.publish(
          leaderMessageConvertedToCaseEvent,
          {
            messageId: ref.messageId,
            boardId: ref.boardId,
            externalId: ref.externalId,
            leaderId: 'leader-1',
            divisionCode: jj,
            title: '路灯',
            content: '路灯坏了',
            type: '投诉',
            domain: '城建',
            postedAt: at('2026-03-01'),
            authorName: '网友',
            contactPhoneEncrypted: null,
            convertedAt: at('2026-03-02'),
            convertedBy: 'u1',
          },
          jj,
        );
      }
    };
    await message('2026-03-15', '2026-03-10');
    await message('2026-03-12', '2026-03-14');
    await message('2026-03-20', null);
    await message('2026-03-05', null, true);

    const reception = (division: string, people: number, day: string) =>
      kit.publish(
        receptionHeldEvent,
        {
          recordId: randomUUID(),
          bookingId: randomUUID(),
          bookingCode: 'B1',
          leaderId: 'leader-2',
          leaderName: '王市长',
          leaderDivisionCode: '510100',
          hallDivisionCode: division,
          hallDivisionCodes: [division, '510100'],
          tiers: ['city', 'county'],
          peopleReceived: people,
          outcome: 'new-case',
          petitionNumber: null,
          kind: null,
          channel: 'online',
          startsAt: at(day),
          recordedAt: at(day, 12),
        },
        division,
      );
    await reception(jj, 3, '2026-03-10');
    await reception('510105', 2, '2026-03-12');
    const ownership = (petitionNumber: string, day: string) =>
      kit.publish(
        caseOwnershipTakenEvent,
        {
          caseOwnershipId: randomUUID(),
          petitionNumber,
          leaderId: 'leader-2',
          leaderName: '王市长',
          leaderTitle: '市长',
          leaderDivisionCode: '510100',
          bookingId: randomUUID(),
          recordId: randomUUID(),
          takenAt: at(day),
          followUpDeadline: endOf('2026-04-30'),
          followUpDays: 30,
          dayCountMode: 'calendar-day',
        },
        '510100',
      );
    await ownership(numbers.A, '2026-03-11');
    await ownership(numbers.C, '2026-03-12');
    await kit.settled();
  }, 60_000);

  afterAll(async () => {
    await kit?.stop();
  });

  it('computes every rate of the city for March to the decimal, open overdue cases counted late', async () => {
    const body: Json = await kit.ok(`/api/v1/statistics/rates?${MARCH}&groupBy=month`);
    expect(body.total).toEqual({
      timelyAcceptance: { numerator: 5, denominator: 7, rate: 0.7143 },
      onTimeConclusion: { numerator: 2, denominator: 4, rate: 0.5 },
      officeSatisfaction: { numerator: 2, denominator: 2, rate: 1 },
      organSatisfaction: { numerator: 1, denominator: 2, rate: 0.5 },
      ratingParticipation: { numerator: 2, denominator: 3, rate: 0.6667 },
      onlineShare: { numerator: 3, denominator: 7, rate: 0.4286 },
      leaderMessageOnTimeReply: { numerator: 1, denominator: 3, rate: 0.3333 },
    });
    expect(body.series.map((s: Json) => s.key)).toEqual(['2026-03']);
    expect(body.series[0].onTimeConclusion).toEqual(body.total.onTimeConclusion);
  });

  it('counts volumes, backlog and overdue at the end of the period, and the leaders’ work', async () => {
    const body: Json = await kit.ok(`/api/v1/statistics/volumes?${MARCH}&groupBy=division`);
    expect(body.total).toEqual({
      registered: 7,
      online: 3,
      concluded: 4,
      backlog: 3,
      overdue: 2,
      leaderMessages: 4,
      leaderMessagesReplied: 2,
      receptionsHeld: 2,
      peopleReceived: 5,
      casesTakenOn: 2,
      casesTakenOnResolved: 1,
    });
    const qingyang = body.series.find((s: Json) => s.key === '510105');
    expect(qingyang).toMatchObject({
      label: '四川省成都市青羊区',
      registered: 1,
      backlog: 1,
      overdue: 0,
    });
    // The city's own level (本级) shows up for the case ownership its leader took on.
    expect(body.series.map((s: Json) => s.key)).toEqual(['510100', '510104', '510105']);
  });

  it('breaks rates down by channel and keeps a county analyst inside the county', async () => {
    const byChannel: Json = await kit.ok(`/api/v1/statistics/rates?${MARCH}&groupBy=channel`);
    const letter = byChannel.series.find((s: Json) => s.key === 'letter');
    expect(letter.onTimeConclusion).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    const county: Json = await kit.ok(
      '/api/v1/statistics/volumes?from=2026-03-01&to=2026-04-01',
      'analyst',
      '510105',
    );
    expect(county.divisionCode).toBe('510105');
    expect(county.total.registered).toBe(1);
    const outside = await kit.get(`/api/v1/statistics/rates?${MARCH}`, 'analyst', '510105');
    expect([outside.statusCode, outside.json().code]).toEqual([404, 'NOT_FOUND']);
  });

  it('answers bad input with 4xx and stable codes', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v1/statistics/rates?groupBy=weekday', 400, 'VALIDATION_FAILED'],
      ['/api/v1/statistics/rates?divisionCode=12', 400, 'VALIDATION_FAILED'],
      ['/api/v1/statistics/rates?divisionCode=519999', 400, 'UNKNOWN_DIVISION'],
      [
        '/api/v1/statistics/volumes?from=2026-04-01&to=2026-03-01',
        400,
        'STATISTICS_INVALID_PERIOD',
      ],
      [
        '/api/v1/statistics/volumes?from=2010-01-01&to=2026-03-01',
        400,
        'STATISTICS_INVALID_PERIOD',
      ],
      ['/api/v1/statistics/digest?month=2026-13', 400, 'VALIDATION_FAILED'],
      ['/api/v1/statistics/export?table=cases', 400, 'VALIDATION_FAILED'],
      ['/api/v1/statistics/hotspots?limit=0', 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, status, code] of cases) {
      const r = await kit.get(url);
      expect([url, r.statusCode, r.json().code]).toEqual([url, status, code]);
    }
  });

  it('exports a table as CSV and the monthly digest as HTML and Excel', async () => {
    const csv = await kit.get(
      `/api/v1/statistics/export?table=rates&format=csv&${MARCH}&groupBy=division`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('及时受理率(%)');
    expect(csv.body).toContain('合计,71.43,50,100,50,66.67,42.86,33.33');
    const html = await kit.get(
      '/api/v1/statistics/digest?divisionCode=510100&month=2026-03&format=html',
    );
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('本月新增信访事项7件');
    const xlsx = await kit.get(
      '/api/v1/statistics/digest?divisionCode=510100&month=2026-03&format=xlsx',
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('rebuilds from the event history into tables identical to the live-fed ones', async () => {
    const nc = await connect({ servers: backingServices().natsUrl });
    const live = kit.service.schema.name;
    const target = `${live}_rebuild`;
    const result = await rebuildReadModels({
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
      expect(result.fromStreams).toBeGreaterThan(30);
      const differences = await compareReadModels(ds, live, target);
      expect(differences).toEqual(Object.fromEntries(Object.keys(differences).map((t) => [t, 0])));
      const [facts] = await ds.query(`SELECT count(*)::int AS n FROM "${target}".case_fact`);
      expect(facts.n).toBe(8);
    } finally {
      await ds.query(`DROP SCHEMA IF EXISTS "${target}" CASCADE`);
      await ds.destroy();
    }
  }, 30_000);
});
