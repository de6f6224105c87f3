import { randomBytes, randomUUID } from 'node:crypto';
import {
  childStatisticsReceivedEvent,
  subtreeRollupPublishedEvent,
  type EventData,
  type FederationEnvelope,
  type RollupDay,
} from '@minsheng/contracts';
import type { InProcessService } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { signForHop } from '../src/federation/envelope-codec.js';
import { EnvelopeReceiver } from '../src/federation/envelope-receiver.js';
import { LinkKeyring } from '../src/federation/link-keys.js';
import {
  publish,
  registerClient,
  signed,
  startGateway,
  type Loose,
  type TestClient,
} from './integrator-test-kit.js';

const PROVINCE = '510000';
const CITY = '510100';
const COUNTY = '510104';
const UP = randomBytes(32).toString('base64');
const DOWN = randomBytes(32).toString('base64');
const MARCH = 'from=2026-03-01&to=2026-04-01';

const day = (divisionCode: string, date: string, revision: number, registered: number) =>
  ({
    divisionCode,
    day: date,
    revision,
    reportedBy: divisionCode === COUNTY ? COUNTY : CITY,
    rows: [
      {
        dim: 'all',
        value: '-',
        counters: {
          registered,
          online: 1,
          closed: 1,
          accept_decided: 2,
          accept_on_time: 1,
          concluded: 1,
          concluded_on_time: 1,
          office_rated: 1,
          office_satisfied: 1,
        },
      },
      { dim: 'channel', value: 'online', counters: { registered: 1, online: 1 } },
    ],
  }) satisfies RollupDay;

/**
 * The city's gateway between its statistics service and the province: it keeps a copy of the
 * city's roll-up, sends it up as `statistics.reported`, answers integrators' aggregated figures
 * from the copy, and hands a county's report to statistics.
 */
describe('federation: statistics roll-ups and the integrator’s aggregated figures', () => {
  let gateway: InProcessService;
  let countyClient: TestClient;
  let cityClient: TestClient;
  let noScope: TestClient;

  const rollup = (days: RollupDay[]) =>
    publish(
      gateway,
      subtreeRollupPublishedEvent,
      { instanceDivision: CITY, asOf: new Date().toISOString(), days },
      CITY,
    );
  const reportsUp = async () =>
    (
      await gateway.schema.query<{ envelope: FederationEnvelope }>(
        `SELECT envelope FROM federation_outbox WHERE envelope->>'type' = 'statistics.reported'
          ORDER BY (envelope->>'caseSeq')::int`,
      )
    ).map((r) => r.envelope);

  beforeAll(async () => {
    gateway = await startGateway({
      INSTANCE_DIVISION: CITY,
      PARENT_INSTANCE: PROVINCE,
      CHILD_INSTANCES: COUNTY,
      FEDERATION_LINK_KEYS: `${PROVINCE}-1:${UP},${COUNTY}-1:${DOWN}`,
    });
    countyClient = await registerClient(gateway, {
      scopes: ['statistics:read'],
      allowedDivisions: [COUNTY],
    });
    cityClient = await registerClient(gateway, {
      scopes: ['statistics:read'],
      allowedDivisions: [CITY],
    });
    noScope = await registerClient(gateway, {
      scopes: ['directory:read'],
      allowedDivisions: [CITY],
    });
    await rollup([day(COUNTY, '2026-03-02', 5, 2), day('510105', '2026-03-03', 5, 1)]);
    await waitFor(async () => (await reportsUp()).length === 1, {
      what: 'the report to the province',
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
  });

  it('sends statistics’ roll-up up to the parent: numbers per day and division, nothing else', async () => {
    const [envelope] = await reportsUp();
    expect(envelope).toMatchObject({
      recipientDivision: PROVINCE,
      originDivision: CITY,
      caseKey: 'statistics',
    });
    const payload = envelope.payload as { days: RollupDay[] };
    expect(payload.days.map((d) => [d.divisionCode, d.day, d.revision])).toEqual([
      [COUNTY, '2026-03-02', 5],
      ['510105', '2026-03-03', 5],
    ]);
    expect(Object.keys(payload).sort()).toEqual(['asOf', 'days']);
    // The staff view of the subtree reads the same copy.
    const staff = await gateway.http.inject({
      method: 'GET',
      url: '/api/v1/federation/statistics',
      headers: { authorization: `Bearer ${await gateway.keys.token('analyst', CITY)}` },
    });
    expect((staff.json() as Loose).divisions).toEqual([
      expect.objectContaining({
        divisionCode: COUNTY,
        registered: 2,
        concluded: 1,
        reportedBy: COUNTY,
      }),
      expect.objectContaining({ divisionCode: '510105', registered: 1, reportedBy: CITY }),
    ]);
  });

  it('keeps a later report of a day and ignores an older one', async () => {
    await rollup([day(COUNTY, '2026-03-02', 7, 4)]);
    await waitFor(async () => (await reportsUp()).length === 2, { what: 'the second report' });
    await rollup([day(COUNTY, '2026-03-02', 6, 9)]);
    // A heartbeat after it proves the stale one was consumed (events of one subject in order).
    await rollup([]);
    await waitFor(async () => (await reportsUp()).length === 3, { what: 'the heartbeat' });
    const reports = await reportsUp();
    expect((reports[2].payload as { days: unknown[] }).days).toEqual([]);
    const figures = await signed(gateway, countyClient, 'GET', `/exchange/v1/statistics?${MARCH}`);
    expect(figures.body.total.registered).toBe(4);
  });

  it('answers an integrator the figures of its division from the copy, with the shared formulas', async () => {
    const county = await signed(gateway, countyClient, 'GET', `/exchange/v1/statistics?${MARCH}`);
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({
      divisionCode: COUNTY,
      total: {
        registered: 4,
        online: 1,
        concluded: 1,
        backlog: 3,
        timelyAcceptance: { numerator: 1, denominator: 2, rate: 0.5 },
        officeSatisfaction: { numerator: 1, denominator: 1, rate: 1 },
        onlineShare: { numerator: 1, denominator: 4, rate: 0.25 },
      },
    });
    expect(county.body.asOf).not.toBeNull();
    const city = await signed(gateway, cityClient, 'GET', `/exchange/v1/statistics?${MARCH}`);
    expect(city.body.total.registered).toBe(5);
    const byDivision = Object.fromEntries(
      (city.body.divisions as Loose[]).map((d) => [d.divisionCode, d.registered]),
    );
    expect(byDivision).toMatchObject({ [COUNTY]: 4, '510105': 1, '510106': 0 });
  });

  it('refuses a client without the scope, outside its divisions, or with a bad period', async () => {
    const cases: Array<[TestClient, string, number, string]> = [
      [noScope, `/exchange/v1/statistics?${MARCH}`, 403, 'INTEGRATOR_SCOPE_MISSING'],
      [
        countyClient,
        `/exchange/v1/statistics?divisionCode=510105&${MARCH}`,
        403,
        'INTEGRATOR_DIVISION_NOT_ALLOWED',
      ],
      [countyClient, `/exchange/v1/statistics?divisionCode=519999`, 400, 'UNKNOWN_DIVISION'],
      [
        countyClient,
        `/exchange/v1/statistics?from=2026-04-01&to=2026-03-01`,
        400,
        'VALIDATION_FAILED',
      ],
      [countyClient, `/exchange/v1/statistics?groupBy=x`, 400, 'VALIDATION_FAILED'],
    ];
    for (const [client, url, status, code] of cases) {
      const r = await signed(gateway, client, 'GET', url);
      expect([url, r.status, r.body.code]).toEqual([url, status, code]);
    }
    const unsigned = await gateway.http.inject({ method: 'GET', url: '/exchange/v1/statistics' });
    expect(unsigned.statusCode).toBe(401);
  });

  it('hands a county’s report to statistics, only the rows of the county’s subtree', async () => {
    const countyLink = new LinkKeyring(`${CITY}-1:${DOWN}`);
    const envelope = signForHop(
      countyLink,
      {
        id: randomUUID(),
        version: 1,
        type: 'statistics.reported',
        originDivision: COUNTY,
        senderDivision: COUNTY,
        recipientDivision: CITY,
        caseKey: 'statistics',
        caseSeq: 1,
        createdAt: new Date().toISOString(),
        payload: {
          asOf: new Date().toISOString(),
          days: [day(COUNTY, '2026-03-02', 3, 4), day('510105', '2026-03-02', 3, 50)],
        },
      },
      CITY,
    );
    const receiver = gateway.app.get(EnvelopeReceiver);
    expect(await receiver.receive(JSON.stringify(envelope))).toBe('applied');
    const [received] = (
      await gateway.schema.query<{
        envelope: { data: EventData<typeof childStatisticsReceivedEvent> };
      }>(`SELECT envelope FROM outbox WHERE subject = $1`, [childStatisticsReceivedEvent.subject])
    ).map((r) => r.envelope.data);
    expect(received.fromInstance).toBe(COUNTY);
    expect(received.days.map((d) => d.divisionCode)).toEqual([COUNTY]);
    // Replayed: refused (REPLAYED) by the permanent inbox, nothing handed over twice.
    expect(await receiver.receive(JSON.stringify(envelope))).toBe('refused');
    expect(
      await gateway.schema.count('outbox', 'subject = $1', [childStatisticsReceivedEvent.subject]),
    ).toBe(1);
  });
});
