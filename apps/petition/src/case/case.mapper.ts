import type { CaseSummaryResponse } from '@minsheng/contracts';
import { maskPhoneNumber, maskResidentIdNumber } from '@minsheng/domain';
import type { PersonalData } from '@minsheng/runtime';
import type { PetitionCaseEntity } from './petition-case.entity.js';

export function toCaseSummaryResponse(
  entity: PetitionCaseEntity,
  personalData: PersonalData,
): CaseSummaryResponse {
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
      idNumberMasked: maskResidentIdNumber(personalData.reveal(entity.petitionerIdNumberEncrypted)),
      phoneMasked: maskPhoneNumber(personalData.reveal(entity.petitionerPhoneEncrypted)),
    },
  };
}
