import { EnvValidationError } from '@minsheng/config';
import type { ServiceEnv } from '@minsheng/runtime';
import { FederationTopology } from './federation-topology.js';
import type { FederationSettings } from './federation.settings.js';
import { LinkKeyring } from './link-keys.js';

export const FEDERATION_CONFIG = Symbol('FEDERATION_CONFIG');

export interface FederationConfig {
  topology: FederationTopology;
  keys: LinkKeyring;
  settings: FederationSettings;
  /** The service's Postgres schema (quoted into SQL). */
  schema: string;
  /** Neighbours configured without a link key: their links stay closed (logged at boot). */
  unkeyed: string[];
}

/** Builds the federation's configuration; refuses to start on a malformed topology or key. */
export function federationConfig(env: ServiceEnv<FederationSettings>): FederationConfig {
  const settings = env.settings;
  const problems: { variable: string; message: string }[] = [];
  let topology: FederationTopology | undefined;
  let keys: LinkKeyring | undefined;
  try {
    topology = new FederationTopology(
      env.INSTANCE_DIVISION,
      FederationTopology.parentFrom(env.INSTANCE_DIVISION, settings.PARENT_INSTANCE),
      settings.CHILD_INSTANCES,
      env.namespace,
    );
  } catch (error) {
    problems.push({ variable: 'CHILD_INSTANCES', message: (error as Error).message });
  }
  try {
    keys = new LinkKeyring(settings.FEDERATION_LINK_KEYS);
  } catch (error) {
    problems.push({ variable: 'FEDERATION_LINK_KEYS', message: (error as Error).message });
  }
  if (problems.length > 0 || !topology || !keys) throw new EnvValidationError(problems);
  // A link without a key stays closed (nothing sent, nothing accepted) rather than stopping the
  // service: an instance deployed before its keys are exchanged still serves its own tier.
  const unkeyed = topology.neighbours.filter((n) => !keys.has(n));
  const linked = new FederationTopology(
    env.INSTANCE_DIVISION,
    topology.parent && keys.has(topology.parent) ? topology.parent : null,
    topology.children.filter((c) => keys.has(c)),
    env.namespace,
  );
  return { topology: linked, keys, settings, schema: env.DB_SCHEMA, unkeyed };
}
