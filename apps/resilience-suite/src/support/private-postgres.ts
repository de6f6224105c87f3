import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@minsheng/testing';

const exec = promisify(execFile);
const isRoot = process.getuid?.() === 0;

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('PostgreSQL binaries not found under /usr/lib/postgresql');
  return join(root, versions[0], 'bin');
}

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/**
 * A Postgres cluster of the suite's own (initdb in a temporary folder, a free port), so faults —
 * restart, a 30 s outage — never touch the shared server other tests use.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const dir = await mkdtemp(join(tmpdir(), 'minsheng-resilience-pg-'));
    await chmod(dir, 0o755);
    if (isRoot) {
      const [uid, gid] = await Promise.all([
        exec('id', ['-u', 'postgres']),
        exec('id', ['-g', 'postgres']),
      ]);
      await chown(dir, Number(uid.stdout), Number(gid.stdout));
    }
    const server = new PrivatePostgres(dir, await freePort());
    await server.asPostgres([
      join(binDir(), 'initdb'),
      '-D',
      server.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await server.startServer();
    const client = new pg.Client({ connectionString: server.url('postgres') });
    await client.connect();
    await client.query('CREATE DATABASE minsheng');
    await client.end();
    return server;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  url(database = 'minsheng', port = this.port): string {
    return `postgres://postgres@127.0.0.1:${port}/${database}`;
  }

  async startServer(): Promise<void> {
    // fsync off: the suite tests the platform's behaviour, not the disk's; it halves the run time.
    const options = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.dir} -c fsync=off -c max_connections=200`;
    await this.asPostgres([
      join(binDir(), 'pg_ctl'),
      '-D',
      this.dataDir,
      '-o',
      options,
      '-l',
      join(this.dir, 'postgres.log'),
      'start',
      '-w',
    ]);
  }

  /** `fast` ends sessions cleanly; `immediate` is a crash (recovery on the next start). */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.asPostgres([join(binDir(), 'pg_ctl'), '-D', this.dataDir, 'stop', '-m', mode, '-w']);
  }

  async restart(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.stopServer(mode);
    await this.startServer();
  }

  async destroy(): Promise<void> {
    await this.stopServer('immediate').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async asPostgres(argv: string[]): Promise<void> {
    if (!isRoot) {
      await exec(argv[0]!, argv.slice(1), { timeout: 60_000 });
      return;
    }
    await exec('su', ['postgres', '-s', '/bin/sh', '-c', argv.map(quote).join(' ')], {
      cwd: '/',
      timeout: 60_000,
    });
  }
}
