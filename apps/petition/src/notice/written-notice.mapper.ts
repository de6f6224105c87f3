import type { WrittenNotice } from '@minsheng/contracts';
import type { WrittenNoticeEntity } from './written-notice.entity.js';

export function toWrittenNotice(entity: WrittenNoticeEntity): WrittenNotice {
  return {
    id: entity.id,
    type: entity.type,
    title: entity.title,
    text: entity.text,
    issuedAt: entity.issuedAt.toISOString(),
    issuingOrganId: entity.issuingOrganId,
  };
}
