import { randomBytes } from 'node:crypto';

/** A short random suffix; keeps each suite's schemas and subjects apart from every other run. */
export const uniqueSuffix = () => randomBytes(5).toString('hex');

/** A NATS namespace of its own for one suite: subjects, streams and consumers never collide. */
export const testNamespace = () => `t${uniqueSuffix()}`;
