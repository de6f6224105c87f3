import { runKeyRotationCli } from '@minsheng/runtime';
import { encryptedColumns, entities } from './schema.js';

await runKeyRotationCli('video-reception', entities, encryptedColumns);
