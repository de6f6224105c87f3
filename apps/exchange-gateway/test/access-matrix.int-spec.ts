import { describeAccessMatrix, serviceCoreCases } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  serviceCoreCases('exchange-gateway'),
);
