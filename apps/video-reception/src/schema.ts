import { CreateMessagingTables1764400000000 } from '@minsheng/messaging';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [];
export const migrations = [CreateMessagingTables1764400000000];
