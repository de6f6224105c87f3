import { describeAccessMatrix, serviceCoreCases } from '@minsheng/service-harness';
import { entities, migrations } from '../src/schema.js';
import { serviceDefinition } from '../src/service-definition.js';
import { federationAccessCases } from './federation-access-cases.js';
import { integratorAccessCases } from './integrator-access-cases.js';

describeAccessMatrix(
  serviceDefinition,
  { entities, migrations },
  { ...serviceCoreCases('exchange-gateway'), ...federationAccessCases, ...integratorAccessCases },
);
