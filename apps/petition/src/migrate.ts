import { runMigrationsCli } from '@minsheng/runtime';
import { entities, migrations } from './schema.js';

await runMigrationsCli('petition', entities, migrations);
