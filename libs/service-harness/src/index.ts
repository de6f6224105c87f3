export { InProcessService, type InProcessServiceOptions } from './in-process-service.js';
export { describeServiceConformance } from './service-conformance.js';
export {
  describeAccessMatrix,
  describeCommandCase,
  type AccessCase,
  type AccessRequest,
} from './access-matrix.js';
