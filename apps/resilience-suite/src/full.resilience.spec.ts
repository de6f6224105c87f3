import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { wireNames } from '@minsheng/messaging';
import { ensureDebianPackages } from '@minsheng/testing';
import { NO_FAULTS, checkInvariants, describeScenario, faults } from './support/invariants.js';
import { sleep } from './support/load.js';
import { FAKETIME_LIBRARY, ResilientPlatform } from './support/resilient-platform.js';
import { killAndRestart, runScenario } from './support/scenario.js';

// `npm run test:resilience`: every single-machine fault of issue 12. The cut of a leafnode link
// between tiers runs on the three-tier network, in network.resilience.spec.ts.
describe('resilience: nothing acknowledged is lost, nothing applied twice, no state goes back', () => {
  const platform = new ResilientPlatform();
  // A steady citizen load petition keeps up with on two shared cores (≈ 6 submissions/s).
  const pace = { concurrency: 2, perLoopPerSecond: 3 };

  beforeAll(() => platform.start(), 180_000);
  afterAll(() => platform.stop(), 60_000);

  it('survives SIGKILL of each service in turn, twice', async () => {
    const { report } = await runScenario(
      platform,
      'SIGKILL each service in turn',
      async (did) => {
        for (let round = 0; round < 2; round++) {
          await killAndRestart(platform, 'petition', did);
          await killAndRestart(platform, 'complaint-intake', did);
          await killAndRestart(platform, 'text-analyser', did);
        }
      },
      pace,
    );
    expect(faults(report)).toEqual(NO_FAULTS);
  });

  it('survives a Postgres restart and a Postgres crash', async () => {
    const { report } = await runScenario(
      platform,
      'Postgres restart and crash',
      async (did) => {
        await platform.postgres.restart('fast');
        did('pg_ctl restart -m fast');
        await sleep(5_000);
        await platform.postgres.restart('immediate');
        did('pg_ctl stop -m immediate (a crash, recovery on start), then start');
      },
      pace,
    );
    expect(faults(report)).toEqual(NO_FAULTS);
  });

  it('answers 503 quickly while Postgres is down for 30 s, and recovers by itself', async () => {
    const probes: Array<{ status: string; ms: number }> = [];
    const { report } = await runScenario(
      platform,
      'Postgres down for 30 s',
      async (did, load) => {
        await platform.postgres.stopServer('fast');
        const downAt = Date.now();
        while (Date.now() - downAt < 30_000) {
          probes.push(await load.probe());
          await sleep(1_000);
        }
        await platform.postgres.startServer();
        did(`Postgres stopped for ${Date.now() - downAt} ms, started again; no service restarted`);
        const slowest = Math.max(...probes.map((p) => p.ms));
        did(
          `probes during the outage: ${probes.length}, statuses ${[...new Set(probes.map((p) => p.status))].join('/')}, slowest ${slowest} ms`,
        );
      },
      pace,
    );
    expect(faults(report)).toEqual(NO_FAULTS);
    // Quickly: well under a client's patience, never a hang until the client's own timeout.
    expect(probes.every((p) => p.status === '503')).toBe(true);
    expect(Math.max(...probes.map((p) => p.ms))).toBeLessThan(6_000);
  });

  it('survives a NATS server restart (SIGKILL, same JetStream store)', async () => {
    const { report } = await runScenario(
      platform,
      'NATS restart',
      async (did) => {
        await platform.nats.kill('SIGKILL');
        await sleep(5_000);
        await platform.nats.startServer();
        did('nats-server SIGKILLed, down 5 s, started again on its store');
      },
      pace,
    );
    expect(faults(report)).toEqual(NO_FAULTS);
  });

  it('survives slow and lossy links to Postgres and NATS', async () => {
    const { report } = await runScenario(
      platform,
      'slow and lossy links',
      async (did) => {
        platform.pgProxy.set({ latencyMs: 20, refuseShare: 0.2 });
        platform.natsProxy.set({ latencyMs: 50, refuseShare: 0.2 });
        for (let i = 0; i < 4; i++) {
          await sleep(4_000);
          did(
            `reset ${platform.pgProxy.resetAll()} Postgres and ${platform.natsProxy.resetAll()} NATS connections`,
          );
        }
        platform.pgProxy.clear();
        platform.natsProxy.clear();
        did(
          `20 ms / 50 ms latency, 20 % of new connections refused (${platform.pgProxy.refused} Postgres, ${platform.natsProxy.refused} NATS) for 16 s`,
        );
      },
      pace,
    );
    expect(faults(report)).toEqual(NO_FAULTS);
  });

  it('applies events redelivered after the de-duplication window only once (the inbox)', async () => {
    // JetStream forgets message ids after its window (2 min by default): a late redelivery
    // arrives as a new message. Republishing with fresh ids is exactly that.
    const envelopes = await platform.query<{ subject: string; envelope: object; event_id: string }>(
      `SELECT subject, envelope, event_id FROM complaint_intake.outbox
        WHERE subject = 'complaint-intake.complaint.submitted' AND published_at IS NOT NULL
        ORDER BY seq LIMIT 200`,
    );
    const before = await platform.query<{ n: string }>(
      'SELECT count(*) AS n FROM petition.petition_case',
    );
    const nc = await connect({ servers: platform.nats.url });
    const js = jetstream(nc);
    for (const row of envelopes) {
      const h = headers();
      await js.publish(
        wireNames.event(platform.namespace, row.subject),
        JSON.stringify(row.envelope),
        {
          msgID: randomUUID(),
          headers: h,
        },
      );
    }
    await nc.close();
    await sleep(10_000);
    const after = await platform.query<{ n: string }>(
      'SELECT count(*) AS n FROM petition.petition_case',
    );
    const report = await checkInvariants(platform, []);
    describeScenario(
      'redelivery beyond the de-duplication window',
      [`republished ${envelopes.length} complaint.submitted envelopes with new message ids`],
      { casesBefore: Number(before[0]!.n), casesAfter: Number(after[0]!.n) },
      report,
    );
    expect(envelopes.length).toBeGreaterThan(50);
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    expect(faults(report)).toEqual(NO_FAULTS);
  });

  // libfaketime from Debian (package faketime), installed when missing.
  const faketime = ensureDebianPackages([FAKETIME_LIBRARY], ['faketime']);
  it(`survives petition's clock running 5 minutes ahead of intake's${faketime ? '' : ' (libfaketime missing: install the Debian package faketime)'}`, async () => {
    expect(faketime).toBe(true);
    const petition = platform.process('petition');
    const { report } = await runScenario(
      platform,
      'clock skew',
      async (did) => {
        await petition.kill('SIGTERM');
        petition.setEnv({
          LD_PRELOAD: FAKETIME_LIBRARY,
          FAKETIME: '+5m',
          FAKETIME_DONT_RESET: '1',
        });
        await petition.start();
        did('petition restarted under libfaketime, its clock 5 minutes ahead');
        await sleep(10_000);
      },
      pace,
    );
    const [skew] = await platform.query<{ seconds: number }>(
      `SELECT round(extract(epoch FROM max(p.registered_at - c.submitted_at)))::int AS seconds
         FROM petition.petition_case p JOIN complaint_intake.complaint c ON c.id = p.source_complaint_id`,
    );
    console.log(
      `   clock skew seen in the data: registered up to ${skew!.seconds} s after submission`,
    );
    expect(skew!.seconds).toBeGreaterThanOrEqual(290);
    expect(faults(report)).toEqual(NO_FAULTS);
    await petition.kill('SIGTERM');
    petition.setEnv({ LD_PRELOAD: '', FAKETIME: '' });
    await petition.start();
  });
});
