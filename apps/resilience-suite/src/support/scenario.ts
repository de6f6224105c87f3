import { checkInvariants, describeScenario, type InvariantReport } from './invariants.js';
import { Load, platformTarget, sleep, type LoadSummary } from './load.js';
import type { ResilientPlatform, ServiceName } from './resilient-platform.js';

export interface ScenarioResult {
  report: InvariantReport;
  load: LoadSummary;
  did: string[];
}

/**
 * Runs a load, lets it warm up, injects the fault (which says what it did), keeps the load going a
 * little after recovery, then checks and prints the invariants.
 */
export async function runScenario(
  platform: ResilientPlatform,
  name: string,
  fault: (did: (line: string) => void, load: Load) => Promise<void>,
  { warmUpMs = 3_000, coolDownMs = 5_000, concurrency = 4, perLoopPerSecond = 0 } = {},
): Promise<ScenarioResult> {
  const load = new Load(platformTarget(platform), concurrency, perLoopPerSecond);
  const did: string[] = [];
  await load.start();
  let summary: LoadSummary;
  try {
    await sleep(warmUpMs);
    await fault((line) => did.push(line), load);
    await sleep(coolDownMs);
  } finally {
    summary = await load.stop();
  }
  const report = await checkInvariants(platform, load.acknowledged);
  describeScenario(name, did, summary, report);
  return { report, load: summary, did };
}

/** Kills a service with SIGKILL (no cleanup at all) and starts it again; says how long it was away. */
export async function killAndRestart(
  platform: ResilientPlatform,
  name: ServiceName,
  did: (line: string) => void,
  downMs = 2_000,
): Promise<void> {
  const started = Date.now();
  await platform.process(name).kill('SIGKILL');
  await sleep(downMs);
  // As Kubernetes would: a process that dies during start-up is started again (and said so).
  for (let attempt = 1; ; attempt++) {
    try {
      await platform.process(name).start();
      break;
    } catch (error) {
      did(
        `${name} failed to start (attempt ${attempt}): ${(error as Error).message.slice(0, 160)}`,
      );
      if (attempt >= 3) throw error;
    }
  }
  did(`SIGKILL ${name}, restarted; ready again after ${Date.now() - started} ms`);
}
