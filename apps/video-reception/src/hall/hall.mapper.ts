import type { HallResponse } from '@minsheng/contracts';
import type { ReceptionHallEntity } from './reception-hall.entity.js';

export function toHallResponse(entity: ReceptionHallEntity): HallResponse {
  return {
    id: entity.id,
    name: entity.name,
    divisionCode: entity.divisionCode,
    address: entity.address,
    active: entity.active,
  };
}
