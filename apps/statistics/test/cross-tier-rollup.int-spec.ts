import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import {
  childStatisticsReceivedEvent,
  subtreeRollupPublishedEvent,
  type EventData,
} from '@minsheng/contracts';
import { backingServices } from '@minsheng/testing';
import { SubtreeRollupReporter } from '../src/read-model/subtree-rollup.reporter.js';
import { compareReadModels, rebuildReadModels } from '../src/rebuild/read-model-rebuild.js';
import { StatisticsKit, at, endOf, publishCase, type Json } from './support/statistics-kit.js';

type Report = EventData<typeof subtreeRollupPublishedEvent>;

const PROVINCE = '510000';
const CITY = '510100';
const COUNTY = '510104';
const MARCH = 'from=2026-03-01&to=2026-04-01';

/**
 * Three statistics instances, as the three tiers run them: the county 510104 counts its own
 * cases; the city 510100 (CHILD_INSTANCES=510104) counts 青羊 510105 itself and takes 锦江 from
 * the county's report; the province (CHILD_INSTANCES=510100) takes the whole city from the
 * city's report. Reports are delivered as the exchange-gateway does: each published roll-up
 * becomes an `exchange-gateway.statistics.received` at the parent.
 */
describe('statistics across tiers: child instances’ roll-ups', () => {
  let county: StatisticsKit;
  let city: StatisticsKit;
  let province: StatisticsKit;
  const delivered = new Map<StatisticsKit, number>();

  const report = (kit: StatisticsKit) => kit.service.app.get(SubtreeRollupReporter).report();

  /** Carries every roll-up `from` published since the last delivery to `to`, like the gateway. */
  async function deliver(from: StatisticsKit, fromInstance: string, to: StatisticsKit) {
    const reports = await from.outbox<Report>(subtreeRollupPublishedEvent);
    for (const r of reports.slice(delivered.get(from) ?? 0)) {
      await to.publish(
        childStatisticsReceivedEvent,
        { fromInstance, asOf: r.asOf, days: r.days },
        to === province ? PROVINCE : CITY,
      );
    }
    delivered.set(from, reports.length);
    await to.settled();
    return reports;
  }

  const figures = async (kit: StatisticsKit, viewer: string, division: string) => {
    const q = `divisionCode=${division}&${MARCH}`;
    const rates: Json = await kit.ok(
      `/api/v1/statistics/rates?${q}&groupBy=month`,
      'analyst',
      viewer,
    );
    const volumes: Json = await kit.ok(
      `/api/v1/statistics/volumes?${q}&groupBy=month`,
      'analyst',
      viewer,
    );
    const strip = (x: Json) => {
      delete x.divisionName;
      return x;
    };
    return { rates: strip(rates), volumes: strip(volumes) };
  };

  beforeAll(async () => {
    const now = '2026-04-15T12:00:00+08:00';
    [county, city, province] = await Promise.all([
      StatisticsKit.start({ now, env: { INSTANCE_DIVISION: COUNTY } }),
      StatisticsKit.start({ now, env: { INSTANCE_DIVISION: CITY, CHILD_INSTANCES: COUNTY } }),
      StatisticsKit.start({ now, env: { INSTANCE_DIVISION: PROVINCE, CHILD_INSTANCES: CITY } }),
    ]);
    // The county's own cases: on time and rated; accepted and open past its deadline; undecided.
    await publishCase(county, {
      division: COUNTY,
      channel: 'online',
      registered: at('2026-03-02'),
      acceptBy: endOf('2026-03-17'),
      accepted: { at: at('2026-03-05'), concludeBy: endOf('2026-05-04') },
      concluded: at('2026-03-20'),
      rated: { at: at('2026-03-22'), office: 'satisfied', organ: 'dissatisfied' },
    });
    await publishCase(county, {
      division: COUNTY,
      channel: 'letter',
      registered: at('2026-03-04'),
      acceptBy: endOf('2026-03-19'),
      accepted: { at: at('2026-03-06'), concludeBy: endOf('2026-03-20') },
    });
    await publishCase(county, {
      division: COUNTY,
      channel: 'online',
      registered: at('2026-03-06'),
      acceptBy: endOf('2026-03-21'),
    });
    await county.settled();
    // The city's own case in 青羊, and one in 锦江 the city registered itself: the county owns
    // 锦江's figures, so this one must not be counted at the city (nor reach the province).
    await publishCase(city, {
      division: '510105',
      channel: 'visit',
      registered: at('2026-03-07'),
      acceptBy: endOf('2026-03-22'),
      accepted: { at: at('2026-03-08'), concludeBy: endOf('2026-03-25') },
      concluded: at('2026-03-24'),
    });
    await publishCase(city, {
      division: COUNTY,
      channel: 'phone',
      registered: at('2026-03-09'),
      acceptBy: endOf('2026-03-24'),
    });
    await city.settled();
  }, 60_000);

  afterAll(async () => {
    await Promise.all([county?.stop(), city?.stop(), province?.stop()]);
  });

  it('counts a county instance’s subtree at the city from the county’s report only', async () => {
    // Before any report the city has nothing for 锦江 — not even the case it registered itself.
    const before = await figures(city, CITY, COUNTY);
    expect(before.volumes.total.registered).toBe(0);

    expect(await report(county)).toBeGreaterThan(0);
    const reports = await deliver(county, COUNTY, city);
    // Numbers only: every row is a dimension, a value and counters.
    const rows = reports.flatMap((r) => r.days.flatMap((d) => d.rows));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['counters', 'dim', 'value']);

    const atCounty = await figures(county, COUNTY, COUNTY);
    const atCity = await figures(city, CITY, COUNTY);
    expect(atCity).toEqual(atCounty);
    expect(atCity.volumes.total).toMatchObject({ registered: 3, concluded: 1, backlog: 2 });
    expect(atCity.rates.total.onTimeConclusion).toEqual({
      numerator: 1,
      denominator: 2,
      rate: 0.5,
    });

    // The city as a whole: the county's three and its own one in 青羊.
    const whole = await figures(city, CITY, CITY);
    expect(whole.volumes.total).toMatchObject({ registered: 4, concluded: 2 });
    expect(whole.rates.total.onTimeConclusion).toEqual({
      numerator: 2,
      denominator: 3,
      rate: 0.6667,
    });
    const byDivision: Json = await city.ok(
      `/api/v1/statistics/volumes?divisionCode=${CITY}&${MARCH}&groupBy=division`,
    );
    expect(Object.fromEntries(byDivision.series.map((s: Json) => [s.key, s.registered]))).toEqual({
      [COUNTY]: 3,
      '510105': 1,
    });
  });

  it('includes both levels at the province, through the city’s report', async () => {
    await report(city);
    const reports = await deliver(city, CITY, province);
    const days = reports.flatMap((r) => r.days);
    // The county's days travel on under the county's name; the city's own under the city's.
    expect(new Set(days.filter((d) => d.divisionCode === COUNTY).map((d) => d.reportedBy))).toEqual(
      new Set([COUNTY]),
    );
    expect(
      new Set(days.filter((d) => d.divisionCode === '510105').map((d) => d.reportedBy)),
    ).toEqual(new Set([CITY]));

    expect(await figures(province, PROVINCE, COUNTY)).toEqual(
      await figures(county, COUNTY, COUNTY),
    );
    const cityAtProvince = await figures(province, PROVINCE, CITY);
    expect(cityAtProvince).toEqual(await figures(city, CITY, CITY));
    const whole = await figures(province, PROVINCE, PROVINCE);
    expect(whole.volumes.total).toMatchObject({ registered: 4, concluded: 2 });
    expect(whole.rates.total.timelyAcceptance).toEqual(cityAtProvince.rates.total.timelyAcceptance);
  });

  it('replaces a day with a later report of it, and ignores an earlier one arriving late', async () => {
    const firstReports = await county.outbox<Report>(subtreeRollupPublishedEvent);
    await publishCase(county, {
      division: COUNTY,
      channel: 'online',
      registered: at('2026-03-02', 15),
      acceptBy: endOf('2026-03-17'),
    });
    await county.settled();
    await report(county);
    await deliver(county, COUNTY, city);
    expect((await figures(city, CITY, COUNTY)).volumes.total.registered).toBe(4);

    // The first report again (a redelivery under a new event id): its revision is older.
    for (const r of firstReports.filter((x) => x.days.length > 0)) {
      await city.publish(
        childStatisticsReceivedEvent,
        { fromInstance: COUNTY, asOf: r.asOf, days: r.days },
        CITY,
      );
    }
    await city.settled();
    expect(await figures(city, CITY, COUNTY)).toEqual(await figures(county, COUNTY, COUNTY));

    // And the change moves on up when the city next reports.
    await report(city);
    await deliver(city, CITY, province);
    expect((await figures(province, PROVINCE, PROVINCE)).volumes.total.registered).toBe(5);
  });

  it('ignores rows a child sends for divisions outside its subtree', async () => {
    const [someDay] = (await county.outbox<Report>(subtreeRollupPublishedEvent)).flatMap(
      (r) => r.days,
    );
    await city.publish(
      childStatisticsReceivedEvent,
      {
        fromInstance: COUNTY,
        asOf: new Date().toISOString(),
        days: [{ ...someDay, divisionCode: '510105', revision: 1_000_000 }],
      },
      CITY,
    );
    await city.settled();
    const qingyang = await figures(city, CITY, '510105');
    expect(qingyang.volumes.total.registered).toBe(1);
  });

  it('publishes a heartbeat with no days when nothing changed', async () => {
    await report(county);
    expect(await report(county)).toBe(0);
    const reports = await county.outbox<Report>(subtreeRollupPublishedEvent);
    expect(reports.at(-1)).toMatchObject({ instanceDivision: COUNTY, days: [] });
  });

  it('rebuilds the city’s tables, children’s reports included, identical to the live ones', async () => {
    const nc = await connect({ servers: backingServices().natsUrl });
    const live = city.service.schema.name;
    const target = `${live}_rebuild`;
    await rebuildReadModels({
      databaseUrl: backingServices().databaseUrl,
      nc,
      namespace: city.service.namespace,
      liveSchema: live,
      targetSchema: target,
    });
    await nc.close();
    const ds = new DataSource({ type: 'postgres', url: backingServices().databaseUrl });
    await ds.initialize();
    try {
      const differences = await compareReadModels(ds, live, target);
      expect(differences).toEqual(Object.fromEntries(Object.keys(differences).map((t) => [t, 0])));
      const [n] = await ds.query(`SELECT count(*)::int AS n FROM "${target}".child_rollup_daily`);
      expect(n.n).toBeGreaterThan(0);
    } finally {
      await ds.query(`DROP SCHEMA IF EXISTS "${target}" CASCADE`);
      await ds.destroy();
    }
  }, 30_000);
});
