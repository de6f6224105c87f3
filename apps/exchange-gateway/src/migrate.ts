import { runMigrationsCli } from '@minsheng/runtime';
import { entities, migrations } from './schema.js';

await runMigrationsCli('exchange-gateway', entities, migrations);
