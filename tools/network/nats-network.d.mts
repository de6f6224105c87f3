import type { LocalInstance, LocalPorts } from './nats-config.mjs';
export const NATS_SERVER: string;
export class NatsNetwork {
  constructor(
    divisions: string[],
    dir: string,
    portsOf?: (division: string, index: number) => LocalPorts,
  );
  readonly dir: string;
  readonly instances: LocalInstance[];
  instance(division: string): LocalInstance;
  url(division: string): string;
  start(): Promise<void>;
  startServer(division: string): Promise<void>;
  stopServer(division: string, signal?: NodeJS.Signals): Promise<void>;
  waitForLinks(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}
