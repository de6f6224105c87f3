import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { ComplaintRatingEntity } from './after-reply/complaint-rating.entity.js';
import { ReviewRequestEntity } from './after-reply/review-request.entity.js';
import { ComplaintAttachmentEntity } from './attachment/attachment.entity.js';
import { ComplaintCategoryEntity } from './category/complaint-category.entity.js';
import { ComplaintEntity } from './complaint/complaint.entity.js';
import { ComplaintTimelineEntryEntity } from './complaint/complaint-timeline-entry.entity.js';
import { CreateComplaints1764400100000 } from './migrations/1764400100000-create-complaints.js';
import { ProtectPetitionerData1764400300000 } from './migrations/1764400300000-protect-petitioner-data.js';
import { CreateComplaintCategories1764400600000 } from './migrations/1764400600000-create-complaint-categories.js';
import { AddComplaintDetails1764400700000 } from './migrations/1764400700000-add-complaint-details.js';
import { CreateComplaintAttachments1764400800000 } from './migrations/1764400800000-create-complaint-attachments.js';
import { CreateRatingsAndReviewRequests1764400900000 } from './migrations/1764400900000-create-ratings-and-review-requests.js';
import { AddComplaintSource1764401000000 } from './migrations/1764401000000-add-complaint-source.js';
import { CreateLeaderMailboxes1764402000000 } from './migrations/1764402000000-create-leader-mailboxes.js';
import { CreateSuggestionOutcomes1764402100000 } from './migrations/1764402100000-create-suggestion-outcomes.js';
import { LeaderMailboxEntity } from './mailbox/leader-mailbox.entity.js';
import { SuggestionOutcomeEntity } from './tracking/suggestion-outcome.entity.js';

export const entities = [
  ComplaintEntity,
  ComplaintTimelineEntryEntity,
  ComplaintCategoryEntity,
  ComplaintAttachmentEntity,
  ComplaintRatingEntity,
  ReviewRequestEntity,
  LeaderMailboxEntity,
  SuggestionOutcomeEntity,
];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  CreateComplaints1764400100000,
  ProtectPetitionerData1764400300000,
  CreateComplaintCategories1764400600000,
  AddComplaintDetails1764400700000,
  CreateComplaintAttachments1764400800000,
  CreateRatingsAndReviewRequests1764400900000,
  AddComplaintSource1764401000000,
  CreateLeaderMailboxes1764402000000,
  CreateSuggestionOutcomes1764402100000,
];

/** Columns holding field ciphertext, re-encrypted by `rotate-field-keys` after a key change. */
export const encryptedColumns = [
  { table: 'complaint', columns: ['petitioner_id_number_encrypted', 'petitioner_phone_encrypted'] },
];
