import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { CaseTimelineEntryEntity } from './case/case-timeline-entry.entity.js';
import { PetitionCaseEntity } from './case/petition-case.entity.js';
import { CreatePetitionCases1764400200000 } from './migrations/1764400200000-create-petition-cases.js';
import { ProtectPetitionerData1764400400000 } from './migrations/1764400400000-protect-petitioner-data.js';
import { CreateOrgans1764410000000 } from './migrations/1764410000000-create-organs.js';
import { SeedDemoOrgans1764410100000 } from './migrations/1764410100000-seed-demo-organs.js';
import { AddCaseWorkflow1764410200000 } from './migrations/1764410200000-add-case-workflow.js';
import { CreateCaseTimelineNoticesRatings1764410300000 } from './migrations/1764410300000-create-case-timeline-notices-ratings.js';
import { CreateSupervision1764410400000 } from './migrations/1764410400000-create-supervision.js';
import { AddRepeatDetectionAndSearch1764410500000 } from './migrations/1764410500000-add-repeat-detection-and-search.js';
import { AddCaseOwnership1764410600000 } from './migrations/1764410600000-add-case-ownership.js';
import { AddCaseSourceMessage1764410700000 } from './migrations/1764410700000-add-case-source-message.js';
import { AddCaseSourceReceptionRecord1764410800000 } from './migrations/1764410800000-add-case-source-reception-record.js';
import { AddLeaderMailboxCases1764420000000 } from './migrations/1764420000000-add-leader-mailbox-cases.js';
import { CreateSuggestionStudies1764420100000 } from './migrations/1764420100000-create-suggestion-studies.js';
import { CreateSupervisionCampaigns1764420200000 } from './migrations/1764420200000-create-supervision-campaigns.js';
import { AccountabilityRecordEntity } from './campaign/accountability-record.entity.js';
import { CampaignCaseEntity } from './campaign/campaign-case.entity.js';
import { CampaignParticipantEntity } from './campaign/campaign-participant.entity.js';
import { CampaignVisitEntity } from './campaign/campaign-visit.entity.js';
import { SupervisionCampaignEntity } from './campaign/supervision-campaign.entity.js';
import { MailboxBrowsingEntity } from './mailbox/mailbox-browsing.entity.js';
import { SuggestionStudyEntity } from './suggestion/suggestion-study.entity.js';
import { WrittenNoticeEntity } from './notice/written-notice.entity.js';
import { OrganEntity } from './organ/organ.entity.js';
import { LeaderInstructionEntity } from './supervision/leader-instruction.entity.js';
import { SupervisionOrderEntity } from './supervision/supervision-order.entity.js';
import { SupervisionRecordEntity } from './supervision/supervision-record.entity.js';

export const entities = [
  PetitionCaseEntity,
  CaseTimelineEntryEntity,
  WrittenNoticeEntity,
  OrganEntity,
  SupervisionOrderEntity,
  SupervisionRecordEntity,
  LeaderInstructionEntity,
  MailboxBrowsingEntity,
  SuggestionStudyEntity,
  SupervisionCampaignEntity,
  CampaignCaseEntity,
  CampaignParticipantEntity,
  CampaignVisitEntity,
  AccountabilityRecordEntity,
];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  CreatePetitionCases1764400200000,
  ProtectPetitionerData1764400400000,
  CreateOrgans1764410000000,
  SeedDemoOrgans1764410100000,
  AddCaseWorkflow1764410200000,
  CreateCaseTimelineNoticesRatings1764410300000,
  CreateSupervision1764410400000,
  AddRepeatDetectionAndSearch1764410500000,
  AddCaseOwnership1764410600000,
  AddCaseSourceMessage1764410700000,
  AddCaseSourceReceptionRecord1764410800000,
  AddLeaderMailboxCases1764420000000,
  CreateSuggestionStudies1764420100000,
  CreateSupervisionCampaigns1764420200000,
];

/** Columns holding field ciphertext, re-encrypted by `rotate-field-keys` after a key change. */
export const encryptedColumns = [
  {
    table: 'petition_case',
    columns: ['petitioner_id_number_encrypted', 'petitioner_phone_encrypted'],
  },
];
