export { AuditModule } from './audit.module.js';
export { AuditTrail } from './audit-trail.js';
export { AuditSealer } from './audit-sealer.js';
export { AuditRetention } from './audit-retention.js';
export { AuditQuery } from './audit-query.js';
export {
  verifyAuditChain,
  RETENTION_ACTION,
  type ChainReport,
  type ChainProblem,
  type Query,
} from './audit-chain.js';
export { auditRecordHash, canonicalJson, GENESIS_HASH } from './audit-hash.js';
export { actorOf } from './actor-of.js';
export {
  SYSTEM_ACTOR,
  CITIZEN_ACTOR,
  type AuditActor,
  type AuditEntry,
  type AuditOutcome,
  type AuditRecordRow,
} from './audit-entry.js';
export { MIN_RETENTION_DAYS, type AuditOptions } from './audit.options.js';
export { CreateAuditRecords1764400050000 } from './migrations/1764400050000-create-audit-records.js';
