import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { CreateMessagingTables1764400000000 } from '@minsheng/messaging';
import { ComplaintEntity } from './complaint/complaint.entity.js';
import { ComplaintTimelineEntryEntity } from './complaint/complaint-timeline-entry.entity.js';
import { CreateComplaints1764400100000 } from './migrations/1764400100000-create-complaints.js';
import { ProtectPetitionerData1764400300000 } from './migrations/1764400300000-protect-petitioner-data.js';

export const entities = [ComplaintEntity, ComplaintTimelineEntryEntity];
export const migrations = [
  CreateMessagingTables1764400000000,
  CreateAuditRecords1764400050000,
  CreateComplaints1764400100000,
  ProtectPetitionerData1764400300000,
];

/** Columns holding field ciphertext, re-encrypted by `rotate-field-keys` after a key change. */
export const encryptedColumns = [
  { table: 'complaint', columns: ['petitioner_id_number_encrypted', 'petitioner_phone_encrypted'] },
];
