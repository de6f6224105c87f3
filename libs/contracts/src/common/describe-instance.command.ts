import { z } from 'zod';
import { defineCommand } from '../messaging/event-definition.js';

const describeResponse = z.object({
  service: z.string(),
  instanceDivision: z.string(),
  version: z.string(),
  startedAt: z.string(),
});

const SERVICES = [
  'identity',
  'complaint-intake',
  'petition',
  'video-reception',
  'statistics',
  'leader-message',
  'exchange-gateway',
] as const;
export type ServiceName = (typeof SERVICES)[number];
export const SERVICE_NAMES: readonly ServiceName[] = SERVICES;

/** `<service>.instance.describe`: which service and instance answered — for operators and tests. */
export const describeInstanceCommand = (service: ServiceName) =>
  defineCommand(`${service}.instance.describe`, z.object({}), describeResponse);
export type InstanceDescription = z.output<typeof describeResponse>;
