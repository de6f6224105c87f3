import { NO_FAULTS, faults } from './support/invariants.js';
import { ResilientPlatform } from './support/resilient-platform.js';
import { killAndRestart, runScenario } from './support/scenario.js';

// The short form `npm test` runs: the two faults most likely to lose or double a submission.
describe('resilience, short form: nothing acknowledged is lost, nothing applied twice', () => {
  const platform = new ResilientPlatform();

  beforeAll(() => platform.start(), 180_000);
  afterAll(() => platform.stop(), 60_000);

  it('survives SIGKILL of petition and of complaint-intake under load', async () => {
    const { report, load } = await runScenario(
      platform,
      'SIGKILL each service',
      async (did) => {
        await killAndRestart(platform, 'petition', did);
        await killAndRestart(platform, 'complaint-intake', did);
      },
      { concurrency: 2, perLoopPerSecond: 8 },
    );
    expect(load.acknowledged).toBeGreaterThan(20);
    expect(faults(report)).toEqual(NO_FAULTS);
  });

  it('survives a Postgres restart under load and recovers by itself', async () => {
    const { report, load } = await runScenario(
      platform,
      'Postgres restart',
      async (did) => {
        const started = Date.now();
        await platform.postgres.restart('fast');
        did(`pg_ctl restart -m fast of the private cluster (${Date.now() - started} ms)`);
      },
      { concurrency: 2, perLoopPerSecond: 8 },
    );
    expect(load.acknowledged).toBeGreaterThan(20);
    expect(faults(report)).toEqual(NO_FAULTS);
  });
});
