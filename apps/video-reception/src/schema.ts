import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { CreateMessagingTables1764400000000 } from '@minsheng/messaging';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const entities: Function[] = [];
export const migrations = [CreateMessagingTables1764400000000, CreateAuditRecords1764400050000];
