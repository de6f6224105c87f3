import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { CreateMessagingTables1764400000000 } from '@minsheng/messaging';
import { PetitionCaseEntity } from './case/petition-case.entity.js';
import { CreatePetitionCases1764400200000 } from './migrations/1764400200000-create-petition-cases.js';
import { ProtectPetitionerData1764400400000 } from './migrations/1764400400000-protect-petitioner-data.js';

export const entities = [PetitionCaseEntity];
export const migrations = [
  CreateMessagingTables1764400000000,
  CreateAuditRecords1764400050000,
  CreatePetitionCases1764400200000,
  ProtectPetitionerData1764400400000,
];

/** Columns holding field ciphertext, re-encrypted by `rotate-field-keys` after a key change. */
export const encryptedColumns = [
  {
    table: 'petition_case',
    columns: ['petitioner_id_number_encrypted', 'petitioner_phone_encrypted'],
  },
];
