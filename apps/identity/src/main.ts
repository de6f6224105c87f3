import { runService } from '@minsheng/runtime';
import { serviceDefinition } from './service-definition.js';

await runService(serviceDefinition);
