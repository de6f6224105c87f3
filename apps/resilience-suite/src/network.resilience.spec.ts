import { CITY, COUNTY, ThreeTierNetwork } from '@minsheng/service-harness';
import { waitFor } from '@minsheng/testing';
import { FaultProxy } from './support/fault-proxy.js';
import { describeScenario } from './support/invariants.js';
import { Load, sleep, type LoadSummary } from './support/load.js';
import {
  NO_NETWORK_FAULTS,
  checkNetworkInvariants,
  describeNetworkChecks,
  networkFaults,
} from './support/network-invariants.js';
import { networkTarget } from './support/network-load.js';

const CUT_MS = 20_000;

// `npm run test:resilience`, the fault between tiers of issue 12: the county ↔ city leafnode link
// cut while complaints submitted at the province for the county are on their way down and their
// progress on its way back up. The link itself is cut (a proxy refuses and resets it); both
// nats-servers and every service keep running.
describe('resilience across the three-tier network: nothing acknowledged is lost, nothing applied twice', () => {
  // The county dials the city's leafnode listener through this proxy, which the city advertises.
  let countyLink!: FaultProxy;
  const network = new ThreeTierNetwork({
    // What a complaint needs on its way down and its status on the way back (no statistics).
    services: ['complaint-intake', 'petition', 'exchange-gateway'],
    // One load generator sends everything, without a captcha.
    env: { CAPTCHA_REQUIRED: 'false', RATE_LIMITS_ENABLED: 'false' },
    label: 'res',
    keepLogs: true,
    leafLink: async ({ child, listener }) => {
      if (child !== COUNTY) return undefined;
      countyLink = new FaultProxy(listener);
      await countyLink.start();
      return countyLink;
    },
  });

  beforeAll(() => network.start(), 300_000);
  afterAll(() => network.stop(), 120_000);

  it('passes on once every complaint the province acknowledged while the county ↔ city link was cut for 20 s, and brings back each one’s progress', async () => {
    // A steady pace the nine processes keep up with on two shared cores (≈ 4 submissions/s).
    const load = new Load(networkTarget(network), 2, 2);
    const did: string[] = [];
    const say = (line: string) => did.push(line);
    const countyComplaints = network.quotedSchema(COUNTY, 'complaint-intake');
    const reachedCounty = async (codes: string[]) =>
      (
        await network.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${countyComplaints}.complaint WHERE tracking_code = ANY($1)`,
          [codes],
        )
      )[0]!.n;
    let summary: LoadSummary;
    let cutAt = 0;
    let healedAt = 0;
    let duringCut: string[] = [];
    let reachedDuringCut = -1;
    let linksDuringCut = 0;
    await load.start();
    try {
      // Cases at the county before the cut, so their progress is on the way up when it comes.
      await waitFor(
        async () =>
          (await reachedCounty(load.acknowledged)) >= 10 &&
          (
            await network.query(
              `SELECT 1 FROM ${network.quotedSchema(COUNTY, 'petition')}.petition_case
                WHERE status <> 'registered' LIMIT 1`,
            )
          ).length > 0,
        {
          timeoutMs: 180_000,
          intervalMs: 500,
          what: 'complaints registered and moved on at the county',
        },
      );
      say(`${load.acknowledged.length} complaints acknowledged at the province before the cut`);

      countyLink.set({ refuseShare: 1 });
      const reset = countyLink.resetAll();
      cutAt = Date.now();
      await waitFor(async () => (await network.leafLinks(COUNTY)) === 0, {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: 'the county’s leafnode link to go down',
      });
      say(
        `county ↔ city leafnode link cut: ${reset} connections reset, new ones refused; down after ${Date.now() - cutAt} ms`,
      );
      while (Date.now() - cutAt < CUT_MS) {
        linksDuringCut = Math.max(linksDuringCut, await network.leafLinks(COUNTY));
        await sleep(1_000);
      }
      duringCut = load.acknowledgedBetween(cutAt, Date.now());
      reachedDuringCut = await reachedCounty(duringCut);
      countyLink.clear();
      healedAt = Date.now();
      say(
        `link restored after ${healedAt - cutAt} ms; meanwhile the county redialled ${countyLink.refused} times (all refused) and ${duringCut.length} complaints were acknowledged at the province, ${reachedDuringCut} of them at the county`,
      );
      await waitFor(
        async () => (await network.leafLinks(COUNTY)) >= 1 && (await network.leafLinks(CITY)) >= 2,
        { timeoutMs: 60_000, intervalMs: 100, what: 'the county’s leafnode link to come back' },
      );
      say(`leafnode link up again ${Date.now() - healedAt} ms after the proxy let it through`);
      await sleep(8_000);
    } finally {
      summary = await load.stop();
    }
    const checkStarted = Date.now();
    const report = await checkNetworkInvariants(network, load.acknowledged);
    say(`checks done ${Math.round((Date.now() - checkStarted) / 1000)} s after the load stopped`);
    describeScenario('county ↔ city leafnode link cut for 20 s', did, summary, report);
    describeNetworkChecks(report);

    // The cut was real and the province carried on through it.
    expect(linksDuringCut).toBe(0);
    expect(duringCut.length).toBeGreaterThan(20);
    expect(reachedDuringCut).toBe(0);
    expect(networkFaults(report)).toEqual(NO_NETWORK_FAULTS);
  }, 900_000);
});
