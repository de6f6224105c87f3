import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { StaffAccountEntity } from './account/staff-account.entity.js';
import { CreateStaffAccounts1764400300000 } from './migrations/1764400300000-create-staff-accounts.js';
import { CreateObserverCampaigns1765310000000 } from './migrations/1765310000000-create-observer-campaigns.js';
import { StaffSessionEntity } from './session/staff-session.entity.js';

export const entities = [StaffAccountEntity, StaffSessionEntity];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  CreateStaffAccounts1764400300000,
  CreateObserverCampaigns1765310000000,
];

/** Columns holding field ciphertext, re-encrypted by `rotate-field-keys` after a key change. */
export const encryptedColumns = [{ table: 'staff_account', columns: ['totp_secret_encrypted'] }];
