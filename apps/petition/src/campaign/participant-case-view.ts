import type { CampaignCaseField, ParticipantCaseView } from '@minsheng/contracts';
import { DEADLINE_LABELS, PETITION_STATUS_LABELS } from '@minsheng/domain';
import type { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { maskName } from '../notice/notice-templates.js';

export interface VisitSummary {
  visitedAt: string;
  place: string;
  findings: string;
}

/**
 * What a participant's grant lets them see of a case: the petition number, and only the fields
 * granted. ID and phone numbers are never among them; the petitioner's name only masked.
 */
export function participantCaseView(
  entity: PetitionCaseEntity,
  fields: readonly CampaignCaseField[],
  visits: VisitSummary[],
): ParticipantCaseView {
  const view: ParticipantCaseView = { petitionNumber: entity.petitionNumber };
  const has = (field: CampaignCaseField) => fields.includes(field);
  if (has('title')) view.title = entity.title;
  if (has('content')) view.content = entity.content;
  if (has('category')) view.categoryCode = entity.categoryCode;
  if (has('status')) {
    view.status = entity.status;
    view.statusLabel = PETITION_STATUS_LABELS[entity.status];
  }
  if (has('division')) view.divisionCode = entity.divisionCode;
  if (has('registeredAt')) view.registeredAt = entity.registeredAt.toISOString();
  if (has('deadlines')) {
    view.currentDeadline =
      entity.nextDeadlineKind && entity.nextDeadlineAt
        ? {
            label: DEADLINE_LABELS[entity.nextDeadlineKind],
            dueAt: entity.nextDeadlineAt.toISOString(),
          }
        : null;
  }
  if (has('organs')) view.leadOrganId = entity.leadOrganId;
  if (has('visits')) view.visits = visits;
  if (has('petitionerName')) view.petitionerName = maskName(entity.petitionerName);
  if (has('address')) view.address = entity.address;
  return view;
}
