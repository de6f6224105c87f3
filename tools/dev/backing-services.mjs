// Finds or starts the backing services the platform needs (PostgreSQL, NATS with
// JetStream, Redis). Only node: builtins, so it runs before any `npm install`.
//
// Resolution order per service:
//   1. the URL from the environment (DATABASE_URL / NATS_URL / REDIS_URL), which must answer;
//   2. a server on the default loopback port, if it answers;
//   3. a project-local server under .local/services/, started detached and reused later.
//
// MINSHENG_FORCE_LOCAL_SERVICES=1 skips step 2. It exists to test the local fallback on
// machines that already run the default services.

import { execFile, spawn } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants as fsConstants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { delimiter, join, relative } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const SERVICES_DIR = join(REPO_ROOT, '.local', 'services');

const HOST = '127.0.0.1';
const DATABASE = 'minsheng';
const READY_TIMEOUT_MS = 30_000;
const PROBE_TIMEOUT_MS = 3_000;

// ---------------------------------------------------------------------------
// Public API

export async function ensureBackingServices({ log = console.error } = {}) {
  const resolved = {};
  for (const service of Object.values(SERVICES)) {
    resolved[service.name] = await ensureService(service, log);
  }
  return {
    databaseUrl: resolved.postgres.url,
    natsUrl: resolved.nats.url,
    redisUrl: resolved.redis.url,
    sources: {
      postgres: resolved.postgres.source,
      nats: resolved.nats.source,
      redis: resolved.redis.source,
    },
  };
}

export async function stopLocalServices({ log = console.error } = {}) {
  const stopped = [];
  if (!existsSync(SERVICES_DIR)) {
    log(`no local services in ${relative(REPO_ROOT, SERVICES_DIR)}`);
    return stopped;
  }
  for (const service of Object.values(SERVICES)) {
    const wasRunning = await withLock(service.name, () => stopLocal(service));
    if (wasRunning) stopped.push(service.name);
    log(`${service.name}: ${wasRunning ? 'stopped local server' : 'no local server running'}`);
  }
  return stopped;
}

// Reports what ensureBackingServices would use, without starting or creating anything.
export async function inspectBackingServices() {
  const report = [];
  for (const service of Object.values(SERVICES)) {
    report.push({ name: service.name, ...(await inspectService(service)) });
  }
  return report;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function waitForTcp(host, port, timeoutMs = READY_TIMEOUT_MS) {
  await waitUntil(() => tcpAccepts(host, port), {
    timeoutMs,
    what: `${host}:${port} to accept TCP connections`,
  });
}

// ---------------------------------------------------------------------------
// Service definitions

const SERVICES = {
  postgres: {
    name: 'postgres',
    envVar: 'DATABASE_URL',
    defaultPort: 5432,
    aptPackage: 'postgresql',
    url: (port) => `postgres://postgres@${HOST}:${port}/${DATABASE}`,
    probe: (port) => probePostgres(port),
    checkEnvUrl: (url) => checkPostgresUrl(url),
    prepare: (port) => ensureDatabase(port),
    inspectDefault: async (port) =>
      (await databaseExists(port))
        ? `database ${DATABASE} exists`
        : `database ${DATABASE} would be created`,
    processDir: (dir) => join(dir, 'data'),
    start: (port, dir, log) => startPostgres(port, dir, log),
    stop: (record, dir) => stopPostgres(dir),
    detail: () => `database ${DATABASE}`,
    localDetail: (where) => `database ${DATABASE}, data in ${where}`,
  },
  nats: {
    name: 'nats',
    envVar: 'NATS_URL',
    defaultPort: 4222,
    aptPackage: 'nats-server',
    binary: '/usr/sbin/nats-server',
    url: (port) => `nats://${HOST}:${port}`,
    probe: (port) => probeNats(new URL(`nats://${HOST}:${port}`)),
    checkEnvUrl: (urls) => probeAnyNats(urls),
    processDir: (dir) => dir,
    start: (port, dir, log) =>
      startDetached(SERVICES.nats, dir, log, ['-a', HOST, '-p', String(port), '-js', '-sd', dir]),
    stop: (record, dir) => terminate(record.pid, dir),
    detail: () => 'JetStream',
    localDetail: (where) => `JetStream in ${where}`,
  },
  redis: {
    name: 'redis',
    envVar: 'REDIS_URL',
    defaultPort: 6379,
    aptPackage: 'redis-server',
    binary: '/usr/bin/redis-server',
    url: (port) => `redis://${HOST}:${port}`,
    probe: (port) => probeRedis(new URL(`redis://${HOST}:${port}`)),
    checkEnvUrl: (url) => probeRedis(new URL(url)),
    processDir: (dir) => dir,
    start: (port, dir, log) =>
      startDetached(SERVICES.redis, dir, log, [
        '--bind',
        HOST,
        '--port',
        String(port),
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--daemonize',
        'no',
      ]),
    stop: (record, dir) => terminate(record.pid, dir),
    detail: () => null,
    localDetail: (where) => `data in ${where}`,
  },
};

// ---------------------------------------------------------------------------
// Resolution

async function ensureService(service, log) {
  const envUrl = process.env[service.envVar];
  if (envUrl) {
    await checkEnvService(service, envUrl);
    log(`${service.name}: env ${service.envVar}=${maskUrl(envUrl)}`);
    return { url: envUrl, source: 'env' };
  }

  const port = service.defaultPort;
  if (!forceLocal() && (await answers(() => service.probe(port)))) {
    await service.prepare?.(port);
    log(`${service.name}: default ${HOST}:${port}${parenthesize(service.detail())}`);
    return { url: service.url(port), source: 'default' };
  }

  const local = await withLock(service.name, () => ensureLocal(service, log));
  await service.prepare?.(local.port);
  const where = relative(REPO_ROOT, serviceDir(service.name));
  log(
    `${service.name}: local ${HOST}:${local.port} (${local.action}, ${service.localDetail(where)})`,
  );
  return { url: service.url(local.port), source: 'local' };
}

async function checkEnvService(service, envUrl) {
  try {
    await service.checkEnvUrl(envUrl);
  } catch (error) {
    throw new Error(
      `${service.envVar} is set to ${maskUrl(envUrl)} but the ${service.name} server there is not usable: ` +
        maskSecrets(error.message, envUrl),
    );
  }
}

async function inspectService(service) {
  const envUrl = process.env[service.envVar];
  if (envUrl) {
    const problem = await failureOf(() => service.checkEnvUrl(envUrl));
    const state = problem ? `NOT usable: ${maskSecrets(problem, envUrl)}` : 'answering';
    return { source: 'env', url: maskUrl(envUrl), state };
  }
  const port = service.defaultPort;
  if (!forceLocal() && (await answers(() => service.probe(port)))) {
    const extra = service.inspectDefault ? `; ${await service.inspectDefault(port)}` : '';
    return { source: 'default', url: service.url(port), state: `answering${extra}` };
  }
  const record = readRecord(service.name);
  const dir = serviceDir(service.name);
  if (
    record &&
    isOurProcess(record.pid, service.processDir(dir)) &&
    (await answers(() => service.probe(record.port)))
  ) {
    return { source: 'local', url: service.url(record.port), state: `running, pid ${record.pid}` };
  }
  return {
    source: 'local',
    url: null,
    state: `not running; ensure would start one in ${relative(REPO_ROOT, dir)}`,
  };
}

function forceLocal() {
  return process.env.MINSHENG_FORCE_LOCAL_SERVICES === '1';
}

function parenthesize(text) {
  return text ? ` (${text})` : '';
}

// ---------------------------------------------------------------------------
// Project-local servers

async function ensureLocal(service, log) {
  const dir = serviceDir(service.name);
  const record = readRecord(service.name);
  const alive = record && isOurProcess(record.pid, service.processDir(dir));

  if (alive && (await answers(() => service.probe(record.port)))) {
    return { port: record.port, action: 'reused' };
  }
  if (alive) {
    log(
      `${service.name}: local server pid ${record.pid} is running but not answering; restarting it`,
    );
  }
  // Also stops a postgres whose record was lost, which would block a new start.
  await service.stop(record ?? {}, dir);

  mkdirSync(dir, { recursive: true });
  const port = await pickPort(record?.port);
  const started = await service.start(port, dir, log);
  writeRecord(service.name, { pid: started.pid, port });
  try {
    await waitUntil(() => service.probe(port), {
      timeoutMs: READY_TIMEOUT_MS,
      what: `${service.name} on ${HOST}:${port} to answer`,
      failFast: started.exited,
    });
  } catch (error) {
    await service.stop({ pid: started.pid, port }, dir);
    removeRecord(service.name);
    throw new Error(`${error.message}\n--- ${started.logFile} ---\n${tail(started.logFile)}`);
  }
  return { port, action: record ? 'restarted' : 'started' };
}

async function stopLocal(service) {
  const record = readRecord(service.name);
  const dir = serviceDir(service.name);
  const wasRunning = Boolean(record) && isOurProcess(record.pid, service.processDir(dir));
  await service.stop(record ?? {}, dir);
  removeRecord(service.name);
  return wasRunning;
}

// Keeps the same port across restarts so URLs handed out earlier stay valid.
async function pickPort(previous) {
  if (previous && (await portIsFree(previous))) return previous;
  return freePort();
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}

async function startDetached(service, dir, log, args) {
  const binary = await requireInstalled(service, () => executable(service.binary), log);
  const logFile = join(dir, `${service.name}.log`);
  const out = openSync(logFile, 'a');
  let exited = false;
  try {
    const child = spawn(binary, args, { cwd: dir, detached: true, stdio: ['ignore', out, out] });
    child.on('error', () => (exited = true));
    child.on('exit', () => (exited = true));
    child.unref();
    return { pid: child.pid, logFile, exited: () => exited };
  } finally {
    closeSync(out);
  }
}

// Only signals the process if it still runs in our service folder, so a recycled pid
// belonging to something else is never touched.
async function terminate(pid, dir) {
  if (!isOurProcess(pid, dir)) return;
  signal(pid, 'SIGTERM');
  const gone = await answers(() =>
    waitUntil(() => !isOurProcess(pid, dir), { timeoutMs: 10_000, what: `pid ${pid} to exit` }),
  );
  if (!gone && isOurProcess(pid, dir)) signal(pid, 'SIGKILL');
}

// The process may exit between the check and the signal; that is the outcome we want.
function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

// A process is ours if its working directory is the service folder (redis and postgres
// chdir there themselves; nats is spawned there). Zombies have no cwd, so count as dead.
function isOurProcess(pid, dir) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === dir;
  } catch {
    return false;
  }
}

function serviceDir(name) {
  return join(SERVICES_DIR, name);
}

function recordPath(name) {
  return join(SERVICES_DIR, `${name}.json`);
}

function readRecord(name) {
  try {
    const { pid, port } = JSON.parse(readFileSync(recordPath(name), 'utf8'));
    return Number.isInteger(pid) && Number.isInteger(port) ? { pid, port } : null;
  } catch {
    return null;
  }
}

function writeRecord(name, record) {
  const temporary = `${recordPath(name)}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(record)}\n`);
  renameSync(temporary, recordPath(name));
}

function removeRecord(name) {
  rmSync(recordPath(name), { force: true });
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// Serializes start/stop across processes, e.g. test runners calling ensure in parallel.
async function withLock(name, action) {
  mkdirSync(SERVICES_DIR, { recursive: true });
  const lockFile = join(SERVICES_DIR, `${name}.lock`);
  const deadline = Date.now() + 2 * READY_TIMEOUT_MS;
  while (!tryLock(lockFile)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${lockFile}; remove it if stale`);
    await sleep(200);
  }
  try {
    return await action();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

function tryLock(lockFile) {
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    const owner = lockOwner(lockFile);
    if (owner && !pidAlive(owner)) rmSync(lockFile, { force: true });
    return false;
  }
}

// Null while the owner is still writing its pid or has just released the lock.
function lockOwner(lockFile) {
  try {
    return Number(readFileSync(lockFile, 'utf8')) || null;
  } catch {
    return null;
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------
// PostgreSQL

function postgresBinDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((version) => executable(join(root, version, 'bin', 'initdb')))
    : [];
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function psqlPath() {
  const binDir = postgresBinDir();
  return findOnPath('psql') ?? (binDir && executable(join(binDir, 'psql')));
}

async function psql(port, database, sql) {
  const binary = psqlPath();
  if (!binary) throw new Error('psql is not installed');
  const args = [
    '-h',
    HOST,
    '-p',
    String(port),
    '-U',
    'postgres',
    '-d',
    database,
    '-w',
    '-X',
    '-tAc',
    sql,
  ];
  const { stdout } = await run(binary, args, { env: { ...process.env, PGCONNECT_TIMEOUT: '3' } });
  return stdout.trim();
}

// Without psql we cannot create the database, so a server we cannot reach by psql
// counts as not answering.
async function probePostgres(port) {
  if ((await psql(port, 'postgres', 'select 1')) !== '1')
    throw new Error('unexpected reply to select 1');
  return true;
}

async function databaseExists(port) {
  return (
    (await psql(port, 'postgres', `select 1 from pg_database where datname = '${DATABASE}'`)) ===
    '1'
  );
}

async function ensureDatabase(port) {
  if (await databaseExists(port)) return;
  try {
    await psql(port, 'postgres', `create database ${DATABASE}`);
  } catch (error) {
    // Another process may have created it meanwhile.
    if (!(await databaseExists(port))) throw error;
  }
}

// The password travels in PGPASSWORD rather than on the command line, where `ps` shows it.
async function checkPostgresUrl(rawUrl) {
  const url = new URL(rawUrl);
  const binary = psqlPath();
  if (!binary) return probePostgresWire(url.hostname || 'localhost', Number(url.port) || 5432);
  const password = safeDecode(url.password);
  url.password = '';
  const env = { ...process.env, PGCONNECT_TIMEOUT: '5', ...(password && { PGPASSWORD: password }) };
  await run(binary, ['-w', '-X', '-tAc', 'select 1', url.href], { env });
  return true;
}

// Fallback when psql is missing: an SSLRequest is answered with a single 'S' or 'N'
// by any PostgreSQL server, which is enough to tell it answers.
function probePostgresWire(host, port) {
  let sent = false;
  return converse({ host, port }, (buffer, write) => {
    if (!sent) {
      const request = Buffer.alloc(8);
      request.writeInt32BE(8, 0);
      request.writeInt32BE(80877103, 4);
      write(request);
      sent = true;
    }
    if (!buffer.length) return undefined;
    if (buffer[0] === 0x53 || buffer[0] === 0x4e) return true;
    throw new Error('the server did not answer like PostgreSQL');
  });
}

async function startPostgres(port, dir, log) {
  const binDir = await requireInstalled(SERVICES.postgres, postgresBinDir, log);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  await preparePostgresDir(dir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await runAsPostgres(
      [
        join(binDir, 'initdb'),
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ],
      dir,
    );
  }
  await pgCtlStart(binDir, dataDir, dir, port, logFile);
  const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { pid, logFile, exited: () => false };
}

// After a SIGKILL the old backends need a moment to notice and release shared memory;
// until then the new postmaster refuses to start.
async function pgCtlStart(binDir, dataDir, dir, port, logFile) {
  const options = `-c listen_addresses=${HOST} -p ${port} -k ${shellQuote(dir)}`;
  const command = [
    join(binDir, 'pg_ctl'),
    '-D',
    dataDir,
    '-o',
    options,
    '-l',
    logFile,
    'start',
    '-w',
  ];
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runAsPostgres(command, dir);
    } catch (error) {
      if (attempt >= 3) throw new Error(`${error.message}\n--- ${logFile} ---\n${tail(logFile)}`);
      await sleep(2_000);
    }
  }
}

async function stopPostgres(dir) {
  const binDir = postgresBinDir();
  const dataDir = join(dir, 'data');
  if (!binDir || !existsSync(join(dataDir, 'postmaster.pid'))) return;
  // pg_ctl exits non-zero when no server runs, which is fine here.
  await failureOf(() =>
    runAsPostgres([join(binDir, 'pg_ctl'), '-D', dataDir, 'stop', '-m', 'fast', '-w'], dir),
  );
}

// PostgreSQL refuses to run as root, so as root the folder belongs to `postgres` and
// every folder above it must be traversable by that user.
async function preparePostgresDir(dir) {
  mkdirSync(dir, { recursive: true });
  for (const path of [join(REPO_ROOT, '.local'), SERVICES_DIR, dir]) chmodSync(path, 0o755);
  if (!isRoot()) return;
  const [uid, gid] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  chownSync(dir, Number(uid.stdout), Number(gid.stdout));
  const denied = await failureOf(() => runAsPostgres(['test', '-w', dir, '-a', '-x', dir], '/'));
  if (denied) {
    throw new Error(
      `user postgres cannot write to ${dir}; make every folder above it traversable (chmod o+x)`,
    );
  }
}

function runAsPostgres(argv, cwd) {
  if (!isRoot()) return run(argv[0], argv.slice(1), { cwd });
  return run('su', ['postgres', '-s', '/bin/sh', '-c', argv.map(shellQuote).join(' ')], { cwd });
}

function shellQuote(value) {
  return `'${String(value).replaceAll("'", `'\\''`)}'`;
}

// ---------------------------------------------------------------------------
// NATS

// Requires JetStream because the platform relies on it. With a TLS-only server the
// plaintext INFO line is all we can read, which still shows it answers.
function probeNats(url) {
  let info = null;
  return converse({ host: url.hostname, port: Number(url.port) || 4222 }, (buffer, write) => {
    const text = buffer.toString('utf8');
    if (!info) {
      const end = text.indexOf('\r\n');
      if (end < 0) return undefined;
      info = parseNatsInfo(text.slice(0, end));
      if (info.jetstream !== true)
        throw new Error('the server answers but JetStream is not enabled (start it with -js)');
      if (info.tls_required) return true;
      write(`CONNECT ${JSON.stringify(natsConnectOptions(url))}\r\nPING\r\n`);
    }
    if (/^-ERR (.*)$/m.test(text)) throw new Error(text.match(/^-ERR (.*)$/m)[1].trim());
    return /^PONG\r$/m.test(text) ? true : undefined;
  });
}

// NATS_URL may list several servers separated by commas; one answering is enough.
async function probeAnyNats(urls) {
  const failures = [];
  for (const url of urls
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const problem = await failureOf(() =>
      probeNats(new URL(url.includes('://') ? url : `nats://${url}`)),
    );
    if (!problem) return true;
    failures.push(`${maskUrl(url)}: ${problem}`);
  }
  throw new Error(failures.join('; '));
}

function parseNatsInfo(line) {
  if (!line.startsWith('INFO '))
    throw new Error('the server did not greet with INFO; not a NATS server?');
  return JSON.parse(line.slice(5));
}

function natsConnectOptions(url) {
  const options = { verbose: false };
  const user = safeDecode(url.username);
  const pass = safeDecode(url.password);
  if (user && pass) Object.assign(options, { user, pass });
  else if (user) options.auth_token = user;
  return options;
}

// ---------------------------------------------------------------------------
// Redis

function probeRedis(url) {
  let sent = false;
  return converse(
    { host: url.hostname, port: Number(url.port) || 6379, secure: url.protocol === 'rediss:' },
    (buffer, write) => {
      if (!sent) {
        write(`${redisAuthCommand(url)}PING\r\n`);
        sent = true;
      }
      const lines = buffer.toString('utf8').split('\r\n').slice(0, -1);
      const error = lines.find((line) => line.startsWith('-'));
      if (error) throw new Error(error.slice(1));
      return lines.includes('+PONG') ? true : undefined;
    },
  );
}

function redisAuthCommand(url) {
  const user = safeDecode(url.username);
  const pass = safeDecode(url.password);
  if (!pass) return '';
  return redisCommand(user ? ['AUTH', user, pass] : ['AUTH', pass]);
}

// RESP array form, so passwords with spaces or quotes survive.
function redisCommand(parts) {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

// ---------------------------------------------------------------------------
// Installing binaries

let aptUpdated = false;

async function requireInstalled(service, locate, log) {
  const found = locate();
  if (found) return found;
  if (!isRoot()) {
    throw new Error(
      `${service.name} is not installed; install the Debian package ${service.aptPackage} ` +
        `(sudo apt-get install ${service.aptPackage}) or set ${service.envVar}`,
    );
  }
  log(`${service.name}: installing Debian package ${service.aptPackage}`);
  await aptGet(['update']);
  await aptGet(['install', '-y', service.aptPackage]);
  const installed = locate();
  if (!installed)
    throw new Error(`${service.name}: still not found after installing ${service.aptPackage}`);
  return installed;
}

async function aptGet(args) {
  if (args[0] === 'update' && aptUpdated) return;
  // apt's chatter goes to stderr so the CLI's stdout stays machine-readable.
  await new Promise((resolve, reject) => {
    const child = spawn('apt-get', args, {
      stdio: ['ignore', 2, 2],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`apt-get ${args.join(' ')} failed (${code})`)),
    );
  });
  if (args[0] === 'update') aptUpdated = true;
}

function isRoot() {
  return process.getuid?.() === 0;
}

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function executable(path) {
  try {
    accessSync(path, fsConstants.X_OK);
    return path;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Small helpers

// Talks a tiny request/reply protocol: `step` gets everything read so far plus a
// writer, and returns undefined to keep reading or a value to finish.
function converse({ host, port, secure = false }, step, timeoutMs = PROBE_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    const socket = secure
      ? tls.connect({ host, port, servername: host })
      : net.connect({ host, port });
    let buffer = Buffer.alloc(0);
    let settled = false;
    const finish = (error, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(value);
    };
    const advance = () => {
      try {
        const value = step(buffer, (data) => socket.write(data));
        if (value !== undefined) finish(null, value);
      } catch (error) {
        finish(error);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer from ${host}:${port} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on(secure ? 'secureConnect' : 'connect', advance);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      advance();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish(new Error(`${host}:${port} closed the connection`)));
  });
}

function tcpAccepts(host, port) {
  return converse({ host, port }, () => true, PROBE_TIMEOUT_MS).catch(() => false);
}

// Polls `check` until it returns/resolves truthy; `failFast` reports a start that already died.
async function waitUntil(check, { timeoutMs, what, intervalMs = 250, failFast = () => false }) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    if (failFast()) throw new Error(`gave up waiting for ${what}: the process exited`);
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

async function answers(probe) {
  return (await failureOf(probe)) === null;
}

// Runs `action` and returns its error message, or null when it succeeded.
async function failureOf(action) {
  try {
    await action();
    return null;
  } catch (error) {
    return error.message || String(error);
  }
}

function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 60_000, ...options }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      const detail = String(stderr || stdout || error.message).trim();
      reject(new Error(`${file.split('/').pop()} failed: ${detail}`));
    });
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Matches the password of every `scheme://user:password@` in a (possibly comma-separated) URL.
const URL_PASSWORD = /(\/\/[^:@/,\s]*):([^@/,\s]*)@/g;

export function maskUrl(raw) {
  return String(raw).replace(URL_PASSWORD, '$1:***@');
}

// Error texts from clients can echo the URL or its password; make sure neither shows.
function maskSecrets(text, rawUrl) {
  let masked = String(text).replaceAll(rawUrl, maskUrl(rawUrl));
  for (const [, , password] of String(rawUrl).matchAll(URL_PASSWORD)) {
    for (const secret of new Set([password, safeDecode(password)])) {
      if (secret) masked = masked.replaceAll(secret, '***');
    }
  }
  return masked;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
