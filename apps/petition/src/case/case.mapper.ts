import type { CaseSummaryResponse } from '@minsheng/contracts';
import { maskPhoneNumber, maskResidentIdNumber } from '@minsheng/domain';
import type { PetitionCaseEntity } from './petition-case.entity.js';

export function toCaseSummaryResponse(entity: PetitionCaseEntity): CaseSummaryResponse {
  return {
    id: entity.id,
    petitionNumber: entity.petitionNumber,
    kind: entity.kind,
    channel: entity.channel,
    title: entity.title,
    content: entity.content,
    divisionCode: entity.divisionCode,
    status: entity.status,
    registeredAt: entity.registeredAt.toISOString(),
    petitioner: {
      name: entity.petitionerName,
      idNumberMasked: maskResidentIdNumber(entity.petitionerIdNumber),
      phoneMasked: maskPhoneNumber(entity.petitionerPhone),
    },
  };
}
