import type { EntityManager } from 'typeorm';
import { coversDivision, type Principal } from '@minsheng/auth';
import { PetitionCaseEntity } from '../case/petition-case.entity.js';
import { CampaignCaseEntity } from './campaign-case.entity.js';
import { campaignClosed, campaignNotFound, caseNotInCampaign } from './campaign.errors.js';
import { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

/** The campaign, if the caller's jurisdiction covers it (404 otherwise); locked when writing. */
export async function campaignFor(
  manager: EntityManager,
  principal: Principal,
  campaignId: string,
  options: { lock?: boolean; open?: boolean } = {},
): Promise<SupervisionCampaignEntity> {
  if (!isUuid(campaignId)) throw campaignNotFound();
  const campaign = await manager.findOne(SupervisionCampaignEntity, {
    where: { id: campaignId },
    ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!campaign || !coversDivision(principal, campaign.divisionCode)) throw campaignNotFound();
  if (options.open && campaign.status !== 'open') throw campaignClosed();
  return campaign;
}

/** One of the campaign's cases, by number (400 when it is not one of them). */
export async function campaignCase(
  manager: EntityManager,
  campaign: SupervisionCampaignEntity,
  petitionNumber: string,
): Promise<PetitionCaseEntity> {
  const entity = await manager.findOneBy(PetitionCaseEntity, { petitionNumber });
  const member =
    entity &&
    (await manager.exists(CampaignCaseEntity, {
      where: { campaignId: campaign.id, caseId: entity.id },
    }));
  if (!entity || !member) throw caseNotInCampaign(petitionNumber);
  return entity;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
