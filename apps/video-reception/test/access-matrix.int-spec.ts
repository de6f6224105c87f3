import { describeAccessMatrix, describeCommandCase } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  describeCommandCase('video-reception'),
);
