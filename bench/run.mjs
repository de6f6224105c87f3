#!/usr/bin/env node
// `npm run bench [-- --runs 3 --only intake,petition --args="--duration 5"]`: every benchmark under bench/ — each
// folder with a run.mjs that prints its report as JSON on stdout (logs on stderr) — run several
// times; writes bench/results/<date>.json (every run, the medians, the machine, the versions, the
// peak RSS of each process the benchmark started) and bench/results/<date>.md (the summary table).
// `--render bench/results/<date>.json` writes the medians and the table again from a results file.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { format, resolveConfig } from 'prettier';
import { connect } from '@nats-io/transport-node';
import { REPO_ROOT, ensureBackingServices } from '../tools/dev/backing-services.mjs';
import { nx } from '../tools/dev/workspace.mjs';
import { procStat } from './proc-stat.mjs';
import { dropSessionTemplates } from './template-database.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    // Extra arguments for every benchmark, e.g. --args="--duration 5" for a quick look.
    args: { type: 'string', default: '' },
    render: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
// Databases a benchmark builds once and copies for each of its runs (bench/petition's 1,000,000
// cases) are named with this key, kept between its runs and dropped when the session ends.
const TEMPLATE_KEY = `s${Date.now().toString(36)}`;
const BENCH_DIR = join(REPO_ROOT, 'bench');
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

function discover() {
  const only = values.only?.split(',').map((s) => s.trim());
  return readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['results', 'baselines'].includes(d.name))
    .filter((d) => existsSync(join(BENCH_DIR, d.name, 'run.mjs')))
    .map((d) => d.name)
    .filter((name) => !only || only.includes(name))
    .sort();
}

/** Every process below `root` with its resident memory, from /proc (Linux). */
function descendants(root) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    // Undefined: the process ended while we looked.
    if (!stat) continue;
    const ppid = Number(stat.fields[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const found = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    for (const child of children.get(pid) ?? []) {
      stack.push(child);
      try {
        const status = readFileSync(`/proc/${child}/status`, 'utf8');
        const rssKib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ');
        found.push({ name: processName(cmdline), rssKib });
      } catch {
        // Gone.
      }
    }
  }
  return found;
}

/** `apps/petition/dist/main.js` → petition; the benchmark's own scripts by file name. */
function processName(cmdline) {
  const app = /apps\/([a-z-]+)\/dist\/main\.js/.exec(cmdline);
  if (app) return app[1];
  const script = /bench\/([a-z-]+\/[a-z-]+\.mjs)/.exec(cmdline);
  if (script) return script[1];
  return cmdline.split(' ')[0].split('/').pop();
}

function runOnce(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const extra = values.args ? values.args.split(' ').filter(Boolean) : [];
    const child = spawn(process.execPath, [join(BENCH_DIR, name, 'run.mjs'), ...extra], {
      cwd: REPO_ROOT,
      env: { ...process.env, BENCH_SKIP_BUILD: '1', BENCH_TEMPLATE_KEY: TEMPLATE_KEY },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const peak = {};
    const sampler = setInterval(() => {
      for (const { name: process, rssKib } of descendants(child.pid)) {
        peak[process] = Math.max(peak[process] ?? 0, rssKib);
      }
    }, 500);
    child.on('exit', (code) => {
      clearInterval(sampler);
      const peakRssMiB = Object.fromEntries(
        Object.entries(peak)
          .filter(([, kib]) => kib > 20 * 1024)
          .map(([process, kib]) => [process, Math.round(kib / 1024)]),
      );
      const seconds = Math.round((Date.now() - started) / 1000);
      try {
        const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
        resolve({ ok: code === 0, seconds, peakRssMiB, report });
      } catch {
        resolve({
          ok: false,
          seconds,
          peakRssMiB,
          error: `exit ${code}, no JSON report on stdout`,
        });
      }
    });
  });
}

/**
 * Numeric leaves of a report as `a.b.c` → value; items of a list by their `name` when they have
 * one (statistics' queries: `queries.rates by month (roll-ups).p95`), else by position.
 */
function flatten(value, prefix = '', out = {}) {
  if (typeof value === 'number' && Number.isFinite(value)) out[prefix] = value;
  else if (value && typeof value === 'object') {
    const entries = Array.isArray(value)
      ? value.map((item, i) => [typeof item?.name === 'string' ? item.name : String(i), item])
      : Object.entries(value);
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function medians(reports) {
  const flat = reports.map((r) => flatten(r));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))];
  return Object.fromEntries(
    keys.map((key) => [key, median(flat.map((f) => f[key]).filter((v) => v !== undefined))]),
  );
}

async function versions() {
  const backing = await ensureBackingServices({ log: () => {} });
  const client = new pg.Client({ connectionString: backing.databaseUrl });
  await client.connect();
  const { rows } = await client.query('SHOW server_version');
  await client.end();
  const nc = await connect({ servers: backing.natsUrl });
  const nats = nc.info?.version;
  await nc.close();
  return { node: process.version, postgres: rows[0].server_version, nats };
}

function table(result) {
  const lines = [
    `# Benchmarks ${result.date}`,
    '',
    `Machine: ${result.machine.cores} × ${result.machine.cpu}, ${result.machine.memoryGiB} GiB; ` +
      `Node ${result.versions.node}, Postgres ${result.versions.postgres}, nats-server ${result.versions.nats}; ` +
      `load generator on the same machine; load average at the start ${result.machine.loadAverage}. ` +
      `Medians of ${result.runs} run(s)` +
      (result.totalMinutes ? `; the whole run took ${result.totalMinutes} min.` : '.'),
    '',
    '| benchmark | figure | median | runs |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, bench] of Object.entries(result.benchmarks)) {
    if (bench.skipped || !bench.medians) {
      lines.push(`| ${name} | — | ${bench.skipped ?? 'failed'} | |`);
      continue;
    }
    for (const [key, value] of Object.entries(bench.medians)) {
      if (key.startsWith('settings.')) continue;
      const all = bench.runs
        .map((r) => flatten(r.report ?? {})[key])
        .filter((v) => v !== undefined);
      lines.push(`| ${name} | ${key} | ${round(value)} | ${all.map(round).join(' · ')} |`);
    }
    const rss = Object.entries(bench.peakRssMiB)
      .map(([process, mib]) => `${process} ${mib}`)
      .join(', ');
    if (rss) lines.push(`| ${name} | peak RSS (MiB) | ${rss} | |`);
  }
  return `${lines.join('\n')}\n`;
}

const round = (v) => (Math.abs(v) >= 100 ? Math.round(v) : Number(v.toFixed(2)));

async function main() {
  const names = discover();
  log(`benchmarks: ${names.join(', ')}; ${RUNS} run(s) each`);
  const result = {
    date: new Date().toISOString().slice(0, 10),
    startedAt: new Date().toISOString(),
    runs: RUNS,
    machine: {
      cores: cpus().length,
      cpu: cpus()[0].model,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverage: loadavg()[0].toFixed(1),
      loadGenerator: 'same machine, same cores',
    },
    versions: await versions(),
    benchmarks: {},
  };
  log('building every project once, before the first benchmark');
  await nx(['run-many', '-t', 'build', '--output-style=static'], {
    env: { ...process.env, NX_TUI: 'false' },
    stdio: ['ignore', 2, 2],
  });
  try {
    await runAll(names, result);
  } finally {
    await dropTemplates();
  }
  result.finishedAt = new Date().toISOString();
  result.totalMinutes =
    Math.round((Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 6_000) / 10;
  log(`all benchmarks in ${result.totalMinutes} min`);
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  await write(freeResultsFile(dir, result.date), result);
}

/**
 * `<date>.json`, or `<date>-b.json`, `-c` … when that day already has results: a second run the
 * same day must not overwrite the first, which bench/README.md may cite.
 */
function freeResultsFile(dir, date) {
  for (let i = 0; i < 26; i++) {
    const suffix = i === 0 ? '' : `-${String.fromCharCode(97 + i)}`;
    const file = join(dir, `${date}${suffix}.json`);
    if (!existsSync(file)) return file;
  }
  throw new Error(`bench/results already holds 26 runs of ${date}`);
}

async function dropTemplates() {
  const backing = await ensureBackingServices({ log: () => {} });
  const client = new pg.Client({ connectionString: backing.databaseUrl });
  await client.connect();
  try {
    for (const name of await dropSessionTemplates(client, TEMPLATE_KEY)) log(`dropped ${name}`);
  } finally {
    await client.end();
  }
}

async function runAll(names, result) {
  for (const name of names) {
    const runs = [];
    for (let i = 1; i <= RUNS; i++) {
      log(`${name}: run ${i} of ${RUNS}`);
      const run = await runOnce(name);
      runs.push(run);
      if (!run.ok) {
        log(`${name}: ${run.error ?? 'failed'}; not repeated`);
        break;
      }
    }
    const peakRssMiB = {};
    for (const run of runs) {
      for (const [process, mib] of Object.entries(run.peakRssMiB)) {
        peakRssMiB[process] = Math.max(peakRssMiB[process] ?? 0, mib);
      }
    }
    result.benchmarks[name] = { runs, peakRssMiB, ...summary(runs) };
  }
}

function summary(runs) {
  const good = runs.filter((r) => r.ok);
  return good.length ? { medians: medians(good.map((r) => r.report)) } : { skipped: 'failed' };
}

// Formatted as the repository formats everything, so committing a results file keeps
// `npm test`'s format check green.
async function write(jsonFile, result) {
  const mdFile = jsonFile.replace(/\.json$/, '.md');
  const config = await resolveConfig(jsonFile);
  const md = await format(table(result), { ...config, filepath: mdFile });
  writeFileSync(
    jsonFile,
    await format(JSON.stringify(result, null, 2), { ...config, filepath: jsonFile }),
  );
  writeFileSync(mdFile, md);
  log(`wrote ${jsonFile} and ${mdFile}`);
  process.stdout.write(md);
}

/** The medians and the table again, from the runs a results file holds. */
async function render(jsonFile) {
  const result = JSON.parse(readFileSync(jsonFile, 'utf8'));
  for (const bench of Object.values(result.benchmarks)) {
    delete bench.medians;
    delete bench.skipped;
    Object.assign(bench, summary(bench.runs));
  }
  await write(jsonFile, result);
}

if (values.render) await render(values.render);
else await main();
