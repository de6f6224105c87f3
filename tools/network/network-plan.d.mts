import type { LocalInstance } from './nats-config.mjs';

export interface NetworkService {
  name: string;
  portVariable: string;
  offset: number;
}
export interface NetworkSecrets {
  instances: Record<
    string,
    { FIELD_ENCRYPTION_KEYS: string; FIELD_ENCRYPTION_ACTIVE_KEY: string; LOOKUP_HASH_KEY: string }
  >;
  links: Record<string, string>;
}
export const NETWORK_DIVISIONS: string[];
export const NETWORK_SERVICES: NetworkService[];
export const OTHER_SERVICES: NetworkService[];
export function makeSecrets(divisions?: string[]): NetworkSecrets;
export function linkKeysOf(instance: LocalInstance, secrets: NetworkSecrets): string;
export function instanceEnv(options: {
  instance: LocalInstance;
  index: number;
  portOf: (service: { name: string; portVariable: string }) => number;
  backing: { DATABASE_URL: string; REDIS_URL: string };
  secrets: NetworkSecrets;
  common: Record<string, string>;
  schemaPrefix?: string;
}): (service: { name: string; portVariable: string }) => Record<string, string>;
