/** The three example instances, one per overlay, and what each must be. */
export interface Tier {
  name: 'province' | 'city' | 'county';
  /** GB/T 2260 code: INSTANCE_DIVISION, the JetStream domain, the namespace suffix. */
  division: string;
  /** The parent instance's division; its NATS is this one's leafnode remote. */
  parent?: string;
  /** Whether children connect to this instance's NATS (leafnode listen). */
  hub: boolean;
}

/**
 * The tier of a GB/T 2260 division code and its parent (the design: "tier and parent follow from
 * the code"): 510000 is a province, 510100 a city of 510000, 510104 a county of 510100.
 */
export function tierFor(division: string, name?: Tier['name']): Tier {
  if (!/^\d{6}$/.test(division)) throw new Error(`${division} is not a six-digit division code`);
  if (division.endsWith('0000')) return { name: name ?? 'province', division, hub: true };
  if (division.endsWith('00')) {
    return { name: name ?? 'city', division, parent: `${division.slice(0, 2)}0000`, hub: true };
  }
  return { name: name ?? 'county', division, parent: `${division.slice(0, 4)}00`, hub: false };
}

export const TIERS: readonly Tier[] = [
  { name: 'province', division: '510000', hub: true },
  { name: 'city', division: '510100', parent: '510000', hub: true },
  { name: 'county', division: '510104', parent: '510100', hub: false },
];

/** A service as tools/dev/workspace.mjs starts it and every deployment runs it. */
export interface Service {
  name: string;
  /** The variable its HTTP port (API, or only probes and metrics) is read from. */
  portVariable: string;
  port: number;
  /** --max-old-space-size, the same in Compose, the manifests and tools/dev. */
  heapMiB: number;
  /** --max-semi-space-size, where set. */
  semiSpaceMiB?: number;
  /**
   * Holds no data: no database, no migrations, no Redis, no keys and no HTTP API (the
   * text-analyser answers on NATS; its port serves the probes and /metrics only).
   */
  stateless?: boolean;
}

/**
 * The seven services and the text-analyser, as tools/dev/workspace.mjs starts them (a test keeps
 * the two equal).
 */
export const SERVICES: readonly Service[] = [
  { name: 'identity', portVariable: 'IDENTITY_PORT', port: 3107, heapMiB: 128 },
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT', port: 3101, heapMiB: 128 },
  {
    name: 'text-analyser',
    portVariable: 'TEXT_ANALYSER_PORT',
    port: 3108,
    heapMiB: 96,
    semiSpaceMiB: 4,
    stateless: true,
  },
  { name: 'petition', portVariable: 'PETITION_PORT', port: 3102, heapMiB: 128, semiSpaceMiB: 4 },
  { name: 'video-reception', portVariable: 'VIDEO_RECEPTION_PORT', port: 3103, heapMiB: 128 },
  {
    name: 'statistics',
    portVariable: 'STATISTICS_PORT',
    port: 3104,
    heapMiB: 256,
    semiSpaceMiB: 4,
  },
  {
    name: 'leader-message',
    portVariable: 'LEADER_MESSAGE_PORT',
    port: 3105,
    heapMiB: 256,
    semiSpaceMiB: 4,
  },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT', port: 3106, heapMiB: 128 },
];

/**
 * What every deployment (Compose, each overlay) sets on a service beyond the instance's common
 * settings, as tools/dev/workspace.mjs (DEPLOYED_SETTINGS) starts it; a test keeps the two equal.
 */
export const DEPLOYED_SETTINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // Petition asks the text-analyser over NATS instead of loading jieba's dictionary itself.
  petition: { TEXT_ANALYSIS: 'service' },
};
