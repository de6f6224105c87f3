import { runMigrationsCli } from '@minsheng/runtime';
import { entities, migrations } from './schema.js';

await runMigrationsCli('identity', entities, migrations);
