import { describeServiceConformance } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

describeServiceConformance(serviceDefinition, { entities, migrations });
