// The local three-tier network as real processes — province 510000, city 510100, county 510104,
// each with its own nats-server (leafnodes, own JetStream domain), schemas, keys and ports — and
// what issue 6 asks of it: a complaint crosses two tiers down and its progress comes back up, a
// review request goes to the tier above the one that replied, counts flow up, and nothing is lost
// or applied twice while the city's NATS server is down or the county's gateway is SIGKILLed.
import { CITY, COUNTY, PROVINCE, ThreeTierNetwork, type Staff } from '@minsheng/service-harness';
import { syntheticComplaint, waitFor } from '@minsheng/testing';

/**
 * Complaints per outage scenario: 200 in `npm test` (time on two shared cores); the 1,000
 * with THREE_TIER_N=1000 (see bench/README.md, bench/exchange).
 */
const N = Number(process.env.THREE_TIER_N ?? 200);
/** Time limits grow with N. */
const SCALE = Math.max(1, N / 200);

/** JSON as the tests read it. */
type Loose = ReturnType<typeof JSON.parse>;

interface Submitted {
  trackingCode: string;
  queryCode: string;
}

// The county's organs from petition's seed (锦江区信访局, 住建局).
const COUNTY_CLERK: Staff = { role: 'clerk', division: COUNTY, organ: '510104-xfj' };
const COUNTY_HANDLER: Staff = { role: 'handler', division: COUNTY, organ: '510104-zjj' };

describe('the three-tier network as real processes', () => {
  const network = new ThreeTierNetwork();

  beforeAll(
    () =>
      network.start({
        'complaint-intake': { RATE_LIMITS_ENABLED: 'false' },
        statistics: { STATISTICS_REPORT_INTERVAL_MS: '3000' },
      }),
    240_000,
  );
  afterAll(() => network.stop(), 60_000);

  const intake = (division: string) => network.url(division, 'complaint-intake');
  const county = (service: 'complaint-intake' | 'petition' | 'exchange-gateway') =>
    network.schema(COUNTY, service);

  async function submit(n: number): Promise<Submitted> {
    const response = await fetch(`${intake(PROVINCE)}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(syntheticComplaint(n, COUNTY)),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Submitted;
  }

  /** Submits `count` complaints at the province, a few at a time. */
  async function submitMany(from: number, count: number): Promise<Submitted[]> {
    const out: Submitted[] = [];
    for (let i = 0; i < count; i += 5) {
      const batch = Array.from({ length: Math.min(5, count - i) }, (_, k) => from + i + k);
      out.push(...(await Promise.all(batch.map(submit))));
    }
    return out;
  }

  async function statusAtProvince({ trackingCode, queryCode }: Submitted) {
    const response = await fetch(
      `${intake(PROVINCE)}/api/v1/complaints/${trackingCode}?queryCode=${queryCode}`,
    );
    expect(response.status).toBe(200);
    return (await response.json()) as {
      status: string;
      petitionNumber: string | null;
      timeline: { step: string; status: string; note: string }[];
    };
  }

  /** Cases at the county petition service started by complaints with these tracking codes. */
  async function countyCases(codes: string[]) {
    return county('petition').query<{ tracking_code: string; petition_number: string }>(
      `SELECT c.tracking_code, p.petition_number
         FROM "${county('complaint-intake').name}".complaint c
         JOIN "${county('petition').name}".petition_case p ON p.source_complaint_id = c.id
        WHERE c.tracking_code = ANY($1)`,
      [codes],
    );
  }

  async function api(
    division: string,
    service: 'petition' | 'exchange-gateway' | 'statistics',
    staff: Staff,
  ) {
    const token = await network.token(staff);
    const base = network.url(division, service);
    return {
      get: async (path: string) => {
        const response = await fetch(`${base}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return { status: response.status, body: (await response.json()) as Loose };
      },
      post: async (path: string, body: unknown) => {
        const response = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Loose };
      },
    };
  }

  /** Everything of these complaints registered once at the county and reported back once. */
  async function expectRegisteredExactlyOnce(submitted: Submitted[]) {
    const codes = submitted.map((s) => s.trackingCode);
    const cases = await countyCases(codes);
    expect(cases).toHaveLength(codes.length);
    expect(new Set(cases.map((c) => c.tracking_code)).size).toBe(codes.length);
    expect(new Set(cases.map((c) => c.petition_number)).size).toBe(codes.length);
    const inbox = await county('exchange-gateway').query<{ case_key: string; n: number }>(
      `SELECT case_key, count(*)::int AS n FROM federation_inbox
        WHERE type = 'complaint.forwarded' AND case_key = ANY($1) GROUP BY case_key`,
      [codes],
    );
    expect(inbox).toHaveLength(codes.length);
    expect(inbox.every((r) => r.n === 1)).toBe(true);
    // At the province, each complaint's timeline: held for the exchange, then registered — once.
    const timelines = await network.schema(PROVINCE, 'complaint-intake').query<{
      tracking_code: string;
      steps: string[];
    }>(
      `SELECT c.tracking_code, array_agg(e.step ORDER BY e.id) AS steps
         FROM complaint c JOIN complaint_timeline_entry e ON e.complaint_id = c.id
        WHERE c.tracking_code = ANY($1) GROUP BY c.tracking_code`,
      [codes],
    );
    expect(timelines).toHaveLength(codes.length);
    for (const t of timelines) expect(t.steps).toEqual(['routed', 'registered']);
  }

  async function waitUntilRegistered(submitted: Submitted[], timeoutMs: number) {
    const codes = submitted.map((s) => s.trackingCode);
    const province = network.schema(PROVINCE, 'complaint-intake');
    await waitFor(
      async () =>
        (await province.count('complaint', `tracking_code = ANY($1) AND status = 'registered'`, [
          codes,
        ])) === codes.length,
      {
        timeoutMs,
        intervalMs: 500,
        what: `${codes.length} complaints registered and reported back`,
      },
    );
  }

  let first: Submitted;
  let petitionNumber: string;

  it('registers at the county a complaint submitted at the province for 510104, and shows the county’s reply to the petitioner at the province', async () => {
    first = await submit(1);
    expect((await statusAtProvince(first)).status).toBe('awaiting-exchange');

    const [registered] = await waitFor(
      async () => {
        const rows = await countyCases([first.trackingCode]);
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 60_000, what: 'the petition case at the county' },
    );
    petitionNumber = registered.petition_number;
    expect(petitionNumber).toMatch(/^510104-\d{4}-\d{6}$/);
    // Nothing was registered at the province or the city.
    expect(await network.schema(PROVINCE, 'petition').count('petition_case')).toBe(0);
    expect(await network.schema(CITY, 'petition').count('petition_case')).toBe(0);

    const countyPetition = await api(COUNTY, 'petition', COUNTY_CLERK);
    const handler = await api(COUNTY, 'petition', COUNTY_HANDLER);
    const steps: Array<[typeof countyPetition, string, unknown]> = [
      [countyPetition, 'transfer', { leadOrganId: '510104-zjj' }],
      [handler, 'accept', {}],
      [handler, 'reply', { opinion: '经现场核实，已安排于十日内完成路面修补。' }],
    ];
    for (const [client, action, body] of steps) {
      const response = await client.post(`/api/v1/cases/${petitionNumber}/${action}`, body);
      expect({ action, status: response.status }).toEqual({ action, status: 200 });
    }

    const status = await waitFor(
      async () => {
        const s = await statusAtProvince(first);
        return s.status === 'replied' ? s : undefined;
      },
      { timeoutMs: 60_000, what: 'the reply to reach the province' },
    );
    expect(status.petitionNumber).toBe(petitionNumber);
    expect(status.timeline.map((t) => t.step)).toEqual([
      'routed',
      'registered',
      'routed',
      'accepted',
      'replied',
    ]);
    expect(status.timeline.at(-1)?.note).toContain('已安排于十日内完成路面修补');

    // Staff at the province see the same progress in the exchange's record of the forwarded case.
    const provinceGateway = await api(PROVINCE, 'exchange-gateway', {
      role: 'clerk',
      division: PROVINCE,
    });
    const forwarded = await provinceGateway.get(
      `/api/v1/federation/forwarded-cases/${first.trackingCode}`,
    );
    expect(forwarded.status).toBe(200);
    expect(forwarded.body).toMatchObject({
      handlingDivision: COUNTY,
      petitionNumber,
      status: 'replied',
    });
  });

  it('sends the petitioner’s review request, made at the province after the reply, up to the city', async () => {
    const response = await fetch(
      `${intake(PROVINCE)}/api/v1/complaints/${first.trackingCode}/review-request`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queryCode: first.queryCode, reason: '修补质量差，请上级复查' }),
      },
    );
    expect(response.status).toBe(201);
    const cityGateway = await api(CITY, 'exchange-gateway', { role: 'clerk', division: CITY });
    const request = await waitFor(
      async () => {
        const { body } = await cityGateway.get('/api/v1/federation/review-requests');
        return (body as Array<{ trackingCode: string }>).find(
          (r) => r.trackingCode === first.trackingCode,
        );
      },
      { timeoutMs: 30_000, what: 'the review request at the city' },
    );
    expect(request).toMatchObject({
      fromDivision: PROVINCE,
      divisionCode: COUNTY,
      petitionNumber,
      reason: '修补质量差，请上级复查',
    });
    // It went to the county's next-higher tier only.
    expect(
      await network.schema(PROVINCE, 'exchange-gateway').count('federation_review_request'),
    ).toBe(0);
  });

  it('counts the county’s cases in the province’s statistics, reported up through the city', async () => {
    const analyst = await api(PROVINCE, 'statistics', { role: 'analyst', division: PROVINCE });
    const countyCases = await county('petition').count('petition_case');
    expect(countyCases).toBeGreaterThanOrEqual(1);
    // The province registered nothing itself: whatever it counts for 510104 came up as roll-ups.
    expect(await network.schema(PROVINCE, 'petition').count('petition_case')).toBe(0);
    const volumes = await waitFor(
      async () => {
        const { status, body } = await analyst.get(
          `/api/v1/statistics/volumes?divisionCode=${COUNTY}`,
        );
        return status === 200 && body.total.registered === countyCases ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the county’s cases in the province’s figures' },
    );
    expect(volumes.divisionCode).toBe(COUNTY);
  });

  it(
    `registers at the county, exactly once, all ${N} complaints submitted at the province while the city’s NATS server was down`,
    async () => {
      await network.nats.stopServer(CITY);
      const submitted = await submitMany(1_000, N);
      const provinceOutbox = network.schema(PROVINCE, 'exchange-gateway');
      // The province carries on: its envelopes wait in its own stream for the link.
      await waitFor(
        async () =>
          (await provinceOutbox.count(
            'federation_outbox',
            `published_at IS NOT NULL AND envelope->>'caseKey' = ANY($1)`,
            [submitted.map((s) => s.trackingCode)],
          )) === N,
        {
          timeoutMs: 60_000 * SCALE,
          intervalMs: 250,
          what: 'the province to publish to its own stream',
        },
      );
      expect((await countyCases(submitted.map((s) => s.trackingCode))).length).toBe(0);

      await network.nats.startServer(CITY);
      await network.nats.waitForLinks();
      await waitUntilRegistered(submitted, 150_000 * SCALE);
      await expectRegisteredExactlyOnce(submitted);

      // The county's statistics reports queued during the outage reached the city in order.
      const seqs = (
        await network.schema(CITY, 'exchange-gateway').query<{ case_seq: number }>(
          `SELECT case_seq FROM federation_inbox WHERE origin = $1 AND case_key = 'statistics'
            ORDER BY applied_at, case_seq`,
          [COUNTY],
        )
      ).map((r) => r.case_seq);
      expect(seqs.length).toBeGreaterThan(1);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    },
    240_000 * SCALE,
  );

  it(
    `registers all ${N} complaints exactly once when the county’s exchange-gateway is killed with SIGKILL mid-drain`,
    async () => {
      await network.nats.stopServer(CITY);
      const submitted = await submitMany(5_000, N);
      const codes = submitted.map((s) => s.trackingCode);
      const gateway = network.process(COUNTY, 'exchange-gateway');
      await network.nats.startServer(CITY);
      const appliedSoFar = () =>
        county('exchange-gateway').count('federation_inbox', 'case_key = ANY($1)', [codes]);
      await waitFor(async () => (await appliedSoFar()) >= N / 10, {
        timeoutMs: 60_000,
        intervalMs: 20,
        what: 'the county to start draining',
      });
      await gateway.kill('SIGKILL');
      const atKill = await appliedSoFar();
      expect(atKill).toBeLessThan(N);

      await gateway.start();
      await waitUntilRegistered(submitted, 150_000 * SCALE);
      await expectRegisteredExactlyOnce(submitted);
    },
    240_000 * SCALE,
  );
});
