import { runKeyRotationCli } from '@minsheng/runtime';
import { encryptedColumns, entities } from './schema.js';

await runKeyRotationCli('identity', entities, encryptedColumns);
