// A dataset a benchmark builds once and measures on copies of (bench/petition's million cases,
// bench/statistics' facts and roll-ups): building it is most of a run's time and none of it is
// measured, while a FILE_COPY of a database takes seconds. Under bench/run.mjs the template is
// named with the session's BENCH_TEMPLATE_KEY, kept for the benchmark's later runs and dropped
// when the session ends; a benchmark run alone drops it itself.
import pg from 'pg';

const PREFIX = 'bench_tpl_';

/**
 * This run's templates: named with the session's key when bench/run.mjs set one (and then kept
 * for the benchmark's later runs), else with a key of their own (and dropped by the run).
 */
export function templateSession() {
  const key = process.env.BENCH_TEMPLATE_KEY;
  const session = key ?? `solo${Date.now().toString(36)}`;
  return {
    keep: Boolean(key),
    /** The template of `what` (a benchmark and its dataset's settings). */
    name: (what) => `${PREFIX}${session}_${what}`.toLowerCase(),
  };
}

/** Drops every template of the session `key` (bench/run.mjs, at the session's end); their names. */
export async function dropSessionTemplates(server, key) {
  const { rows } = await server.query('SELECT datname FROM pg_database WHERE datname LIKE $1', [
    // `_` is a LIKE wildcard: matched literally here.
    `${`${PREFIX}${key}_`.replaceAll('_', '\\_')}%`,
  ]);
  for (const { datname } of rows) {
    await server.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
  return rows.map((r) => r.datname);
}

/** `serverUrl` pointed at another database of the same server. */
export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The template `name`, built by `build(url)` unless a finished one is there; `build` closes its
 * connections before it returns and returns what the run reports about the dataset (JSON).
 * That is written last, into `public.bench_template`: a template without it was left
 * half-built and is built again.
 */
export async function ensureTemplate({ server, serverUrl, name, build, log }) {
  const url = databaseUrl(serverUrl, name);
  const exists = (await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]))
    .rowCount;
  if (exists) {
    const info = await withClient(url, (client) =>
      client
        .query('SELECT info FROM public.bench_template')
        .then(({ rows }) => (rows.length === 1 ? rows[0].info : null))
        .catch(() => null),
    );
    if (info) {
      log(`reusing ${name}, built earlier in this bench session`);
      return { info, builtNow: false };
    }
    await server.query(`DROP DATABASE "${name}"`);
  }
  await server.query(`CREATE DATABASE "${name}"`);
  try {
    const info = await build(url);
    await withClient(url, async (client) => {
      await client.query('CREATE TABLE public.bench_template (info jsonb)');
      await client.query('INSERT INTO public.bench_template VALUES ($1)', [JSON.stringify(info)]);
    });
    return { info, builtNow: true };
  } catch (error) {
    await server.query(`DROP DATABASE IF EXISTS "${name}"`).catch(() => undefined);
    throw error;
  }
}

/** Copies `template` as `copy` (the template must have no connections); the seconds it took. */
export async function copyDatabase(server, template, copy) {
  const started = performance.now();
  await server.query(`CREATE DATABASE "${copy}" TEMPLATE "${template}" STRATEGY FILE_COPY`);
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * Drops `database`. Not WITH (FORCE): a pool's last connections may still be closing (pg's
 * `end()` does not wait for their backends), and DROP DATABASE waits a few seconds for them.
 */
export async function dropDatabase(server, database) {
  await server.query(`DROP DATABASE IF EXISTS "${database}"`);
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
