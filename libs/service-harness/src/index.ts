export { InProcessService, type InProcessServiceOptions } from './in-process-service.js';
export { describeServiceConformance } from './service-conformance.js';
export {
  describeAccessMatrix,
  serviceCoreCases,
  type AccessCase,
  type AccessRequest,
} from './access-matrix.js';
