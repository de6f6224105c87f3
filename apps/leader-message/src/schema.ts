import { CreateAuditRecords1764400050000 } from '@minsheng/audit';
import { CreateMessagingTables1764400000000 } from '@minsheng/messaging';
import { BoardBrowseEntity } from './board/board-browse.entity.js';
import { BoardEntity } from './board/board.entity.js';
import { BoardMessageEntity } from './message/board-message.entity.js';
import { ReplyDraftEntity } from './message/reply-draft.entity.js';
import { CreateLeaderMessageTables1764402000000 } from './migrations/1764402000000-create-leader-message-tables.js';

export const entities = [BoardEntity, BoardMessageEntity, ReplyDraftEntity, BoardBrowseEntity];
export const migrations = [
  CreateMessagingTables1764400000000,
  CreateAuditRecords1764400050000,
  CreateLeaderMessageTables1764402000000,
];
