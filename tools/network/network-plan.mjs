// How the instances of a local network are configured: per instance its own NATS server (see
// nats-network.mjs), its own Postgres schemas (<service>_<division>), its own Redis database,
// its own HTTP ports and field keys; per link one shared secret. Used by `npm run up:network`
// and the three-tier end-to-end tests.
import { randomBytes } from 'node:crypto';
import { SERVICES, serviceNodeOptions } from '../dev/workspace.mjs';

export const NETWORK_DIVISIONS = ['510000', '510100', '510104'];

/** The services an exchange network needs; `--all` in the launcher adds the others. */
export const NETWORK_SERVICES = [
  { name: 'identity', portVariable: 'IDENTITY_PORT', offset: 7 },
  { name: 'complaint-intake', portVariable: 'COMPLAINT_INTAKE_PORT', offset: 1 },
  { name: 'petition', portVariable: 'PETITION_PORT', offset: 2 },
  { name: 'exchange-gateway', portVariable: 'EXCHANGE_GATEWAY_PORT', offset: 6 },
  // Its roll-ups are what a tier reports up (数据上报): the province's figures include the counties'.
  { name: 'statistics', portVariable: 'STATISTICS_PORT', offset: 4 },
];
export const OTHER_SERVICES = [
  { name: 'video-reception', portVariable: 'VIDEO_RECEPTION_PORT', offset: 3 },
  { name: 'leader-message', portVariable: 'LEADER_MESSAGE_PORT', offset: 5 },
];

const random = (bytes) => randomBytes(bytes).toString('base64');

/** Fresh secrets for a network: field and lookup keys per instance, one secret per link. */
export function makeSecrets(divisions = NETWORK_DIVISIONS) {
  const instances = Object.fromEntries(
    divisions.map((d) => [
      d,
      {
        FIELD_ENCRYPTION_KEYS: `dev1:${random(32)}`,
        FIELD_ENCRYPTION_ACTIVE_KEY: 'dev1',
        LOOKUP_HASH_KEY: random(32),
      },
    ]),
  );
  const links = {};
  for (const d of divisions) {
    for (const other of divisions) {
      if (d < other) links[`${d}-${other}`] = random(32);
    }
  }
  return { instances, links };
}

/** FEDERATION_LINK_KEYS of one instance: `<neighbour>-1:<secret>` for each linked neighbour. */
export function linkKeysOf(instance, secrets) {
  return [instance.parent, ...instance.children]
    .filter(Boolean)
    .map((n) => {
      const key = instance.division < n ? `${instance.division}-${n}` : `${n}-${instance.division}`;
      return `${n}-1:${secrets.links[key]}`;
    })
    .join(',');
}

/**
 * The env of every service of one instance.
 * @param {object} o
 * @param {import('./nats-config.mjs').LocalInstance} o.instance
 * @param {number} o.index  0, 1, 2 … (Redis database index + 1)
 * @param {(service: object) => number} o.portOf
 * @param {{DATABASE_URL: string, REDIS_URL: string}} o.backing
 * @param {object} o.secrets  from makeSecrets
 * @param {Record<string, string>} o.common  auth settings and anything else all services share
 * @param {string} [o.schemaPrefix]
 */
export function instanceEnv({
  instance,
  index,
  portOf,
  backing,
  secrets,
  common,
  schemaPrefix = '',
}) {
  const redis = new URL(backing.REDIS_URL);
  redis.pathname = `/${index + 1}`;
  return (service) => ({
    // As deployed: each service with its heap limits (a bench may override them in `common`).
    NODE_OPTIONS: serviceNodeOptions(SERVICES.find((s) => s.name === service.name)),
    ...common,
    ...secrets.instances[instance.division],
    INSTANCE_DIVISION: instance.division,
    DATABASE_URL: backing.DATABASE_URL,
    DB_SCHEMA: `${schemaPrefix}${service.name.replace(/-/g, '_')}_${instance.division}`,
    NATS_URL: instance.natsUrl,
    NATS_NAMESPACE: `ms.${instance.division}`,
    REDIS_URL: redis.toString(),
    HTTP_HOST: '127.0.0.1',
    [service.portVariable]: String(portOf(service)),
    CHILD_INSTANCES: instance.children.join(','),
    PARENT_INSTANCE: instance.parent ?? 'none',
    FEDERATION_LINK_KEYS: linkKeysOf(instance, secrets),
  });
}
