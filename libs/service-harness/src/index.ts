export { InProcessService, type InProcessServiceOptions } from './in-process-service.js';
export { describeServiceConformance } from './service-conformance.js';
