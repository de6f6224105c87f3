export interface LocalPorts {
  nats: number;
  natsHttp: number;
  leaf: number;
  /** The port children dial for the leafnode listener (default: leaf), e.g. a test's proxy. */
  leafAdvertised?: number;
  httpBase?: number;
}
export interface LocalInstance {
  division: string;
  parent: string | null;
  children: string[];
  ports: LocalPorts;
  natsUrl: string;
  natsConf: string;
  tierConf: string;
}
export function parentOf(division: string): string | null;
export function tierConf(options: {
  division: string;
  storeDir: string;
  leafListen?: string;
  leafAdvertise?: string;
  parentLeafUrl?: string;
  maxFileStore?: string;
}): string;
export function natsConf(options?: { host?: string; port?: number; httpPort?: number }): string;
export function localPorts(index: number): Required<LocalPorts>;
export function localNetwork(
  divisions: string[],
  storeDirOf: (division: string) => string,
  portsOf?: (division: string, index: number) => LocalPorts,
): LocalInstance[];
export function tierOf(division: string): 'province' | 'city' | 'county';
export function deployedTierConf(
  target: 'compose' | 'kubernetes',
  division: string,
  options?: { hub?: boolean; parent?: string | null },
): string;
