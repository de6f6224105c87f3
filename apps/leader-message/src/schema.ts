import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { messagingMigrations } from '@minsheng/messaging';
import { BoardBrowseEntity } from './board/board-browse.entity.js';
import { BoardEntity } from './board/board.entity.js';
import { PolicyArticleEntity } from './knowledge/policy-article.entity.js';
import { ReplyTemplateEntity } from './knowledge/reply-template.entity.js';
import { BoardMessageEntity } from './message/board-message.entity.js';
import { ExtensionRequestEntity } from './message/extension-request.entity.js';
import { OrganInputEntity } from './message/organ-input.entity.js';
import { ReplyDraftEntity } from './message/reply-draft.entity.js';
import { CreateLeaderMessageTables1764402000000 } from './migrations/1764402000000-create-leader-message-tables.js';
import { AddOrganInputsExtensionsAndKnowledge1764402100000 } from './migrations/1764402100000-add-organ-inputs-extensions-and-knowledge.js';
import { IndexKnowledgeByBigrams1764402200000 } from './migrations/1764402200000-index-knowledge-by-bigrams.js';

export const entities = [
  BoardEntity,
  BoardMessageEntity,
  ReplyDraftEntity,
  BoardBrowseEntity,
  OrganInputEntity,
  ExtensionRequestEntity,
  ReplyTemplateEntity,
  PolicyArticleEntity,
];
export const migrations = [
  ...messagingMigrations,
  CreateAuditRecords1764400050000,
  CreateLeaderMessageTables1764402000000,
  AddOrganInputsExtensionsAndKnowledge1764402100000,
  IndexKnowledgeByBigrams1764402200000,
];
