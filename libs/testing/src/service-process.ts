import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Asks the OS for a port nobody is listening on. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A built service (`apps/<name>/dist/main.js`) as a real child process, for end-to-end tests that
 * kill and restart it. Its logs go to a file the test can read afterwards.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private log?: WriteStream;
  private exited?: Promise<number | null>;

  constructor(
    readonly service: string,
    readonly port: number,
    private env: Record<string, string>,
    readonly logFile: string,
    /** Flags for node itself, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
    private readonly nodeArgs: readonly string[] = [],
  ) {}

  /** Changes the environment of the next start. */
  setEnv(values: Record<string, string>): void {
    this.env = { ...this.env, ...values };
  }

  /** Runs the service's own migrate command (`apps/<name>/dist/migrate.js`) with this env. */
  static migrate(service: string, env: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(ROOT, 'apps', service, 'dist', 'migrate.js')], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${service} migrate: ${stderr}`)),
      );
    });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running process's id (for /proc, e.g. its memory), once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    await mkdir(dirname(this.logFile), { recursive: true });
    this.log = createWriteStream(this.logFile, { flags: 'a' });
    const main = join(ROOT, 'apps', this.service, 'dist', 'main.js');
    const child = spawn(process.execPath, [...this.nodeArgs, main], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`${this.service} exited with ${child.exitCode}`);
        const response = await fetch(`${this.baseUrl}/health/ready`);
        return response.status === 200;
      },
      // Generous: nine services booting at once on two busy cores can take a while; a service
      // that exits or never listens still fails here.
      { timeoutMs: 90_000, intervalMs: 100, what: `${this.service} to be ready` },
    );
  }

  /** Sends a signal and waits for the process to end. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    const code = (await this.exited) ?? null;
    this.log?.end();
    return code;
  }
}
