import type { OrganResponse } from '@minsheng/contracts';
import type { OrganEntity } from './organ.entity.js';

export function toOrganResponse(entity: OrganEntity): OrganResponse {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    divisionCode: entity.divisionCode,
    parentId: entity.parentId,
    active: entity.active,
    updatedAt: entity.updatedAt.toISOString(),
  };
}
