#!/usr/bin/env node
// `npm test`: dependencies, backing services, then lint, typecheck, build and every test
// (unit, integration, end-to-end). Ends with one line: "tests: N passed, M failed".
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, ensureBackingServices } from './backing-services.mjs';
import { ensureDependencies, nx, run } from './workspace.mjs';

const log = (line) => process.stdout.write(`[test] ${line}\n`);
const RESULTS_DIR = join(REPO_ROOT, '.local', 'test-results');

async function main() {
  await ensureDependencies(log);
  const backing = await ensureBackingServices({ log });
  const env = {
    ...process.env,
    DATABASE_URL: backing.databaseUrl,
    NATS_URL: backing.natsUrl,
    REDIS_URL: backing.redisUrl,
    NX_TUI: 'false',
    NX_DAEMON: 'false',
  };
  const bin = (name) => join(REPO_ROOT, 'node_modules', '.bin', name);
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });

  log('lint and format');
  await nx(['run-many', '-t', 'lint', '--output-style=static'], { env });
  await run(bin('prettier'), ['--check', '--log-level=warn', '.'], { env });
  log('typecheck');
  await run(bin('tsc'), ['-p', 'tsconfig.json'], { env });
  log('build');
  await nx(['run-many', '-t', 'build', '--output-style=static'], { env });
  log('unit and integration tests');
  let failed = false;
  try {
    await nx(['run-many', '-t', 'test', '--output-style=static', '--parallel=2'], { env });
  } catch {
    failed = true;
  }
  log('end-to-end tests');
  try {
    await nx(['run', 'platform-e2e:e2e', '--output-style=static'], { env });
  } catch {
    failed = true;
  }
  // Short form of the resilience suite (SIGKILL, Postgres restart) on a private Postgres and NATS.
  log('resilience (short form)');
  try {
    await nx(['run', 'resilience-suite:resilience-short', '--output-style=static'], { env });
  } catch {
    failed = true;
  }
  const { passed, failures, suites, files, failedNames } = summarize();
  // Every project reports into its own file; a shared name would silently drop a project's count.
  const projects = execFileSync(
    join(REPO_ROOT, 'node_modules', '.bin', 'nx'),
    ['show', 'projects', '--with-target', 'test'],
    {
      env,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter(Boolean);
  if (files !== projects.length + 2) {
    log(
      `expected ${projects.length + 2} result files (every test project, the e2e and the resilience suites), found ${files}`,
    );
    failed = true;
  }
  // CI shows only the tail of the log: name what failed right above the count.
  for (const name of failedNames) log(`FAILED ${name}`);
  log(`${suites} suites`);
  process.stdout.write(`tests: ${passed} passed, ${failures} failed\n`);
  if (failed || failures > 0 || passed === 0) process.exit(1);
}

function summarize() {
  let passed = 0;
  let failures = 0;
  let suites = 0;
  const failedNames = [];
  if (!existsSync(RESULTS_DIR)) return { passed, failures, suites, files: 0, failedNames };
  const files = readdirSync(RESULTS_DIR);
  for (const file of files) {
    const result = JSON.parse(readFileSync(join(RESULTS_DIR, file), 'utf8'));
    passed += result.numPassedTests;
    failures += result.numFailedTests + result.numRuntimeErrorTestSuites;
    suites += result.numTotalTestSuites;
    for (const suite of result.testResults ?? []) {
      const where = suite.name.replace(`${REPO_ROOT}/`, '');
      if (suite.status === 'failed' && suite.assertionResults.length === 0) {
        failedNames.push(`${where}: ${String(suite.message).split('\n').find(Boolean) ?? ''}`);
      }
      for (const test of suite.assertionResults) {
        if (test.status === 'failed') failedNames.push(`${where} › ${test.fullName}`);
      }
    }
  }
  return { passed, failures, suites, files: files.length, failedNames };
}

main().catch((error) => {
  log(`failed: ${error.message}`);
  process.exit(1);
});
