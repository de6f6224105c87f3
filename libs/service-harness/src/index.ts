export { InProcessService, type InProcessServiceOptions } from './in-process-service.js';
export { describeServiceConformance } from './service-conformance.js';
export {
  describeAccessMatrix,
  serviceCoreCases,
  type AccessCase,
  type AccessRequest,
  type Caller,
} from './access-matrix.js';
export {
  CITY,
  COUNTY,
  PROVINCE,
  THREE_TIER_SERVICES,
  ThreeTierNetwork,
  type LeafLink,
  type Staff,
  type ThreeTierNetworkOptions,
  type ThreeTierService,
} from './three-tier-network.js';
