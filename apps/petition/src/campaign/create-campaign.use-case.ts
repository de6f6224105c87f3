import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  campaignOpenedEvent,
  type CampaignResponse,
  type CreateCampaignRequest,
} from '@minsheng/contracts';
import { coversDivision, type Principal } from '@minsheng/auth';
import { chinaDateOf } from '@minsheng/domain';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { CampaignLog } from './campaign-log.js';
import { toCampaignResponse } from './campaign-mapper.js';
import { fieldRefused } from './campaign.errors.js';
import { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

/** 统筹实地督查: a supervisor opens a campaign over (part of) their jurisdiction. */
@Injectable()
export class CreateCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CampaignLog,
    private readonly events: EventPublisher,
  ) {}

  async execute(principal: Principal, request: CreateCampaignRequest): Promise<CampaignResponse> {
    if (!coversDivision(principal, request.divisionCode)) {
      throw fieldRefused('divisionCode', ErrorCodes.validationFailed, '不在你的辖区内');
    }
    const now = new Date();
    if (request.endsOn < chinaDateOf(now)) {
      throw fieldRefused('endsOn', ErrorCodes.validationFailed, '结束日期不能早于今天');
    }
    const campaign: SupervisionCampaignEntity = {
      id: randomUUID(),
      title: request.title,
      description: request.description,
      divisionCode: request.divisionCode,
      status: 'open',
      endsOn: request.endsOn,
      participantFields: request.participantFields,
      createdBy: principal.userId,
      createdAt: now,
      closedBy: null,
      closedAt: null,
      report: null,
    };
    await inTransaction(this.dataSource, async (tx) => {
      await tx.insert(SupervisionCampaignEntity, campaign);
      await this.log.record(tx, principal, campaign, 'created', { title: campaign.title });
      await this.events.publish(
        tx,
        campaignOpenedEvent,
        {
          campaignId: campaign.id,
          divisionCode: campaign.divisionCode,
          title: campaign.title,
          openedAt: now.toISOString(),
          endsOn: campaign.endsOn,
        },
        { divisionCode: campaign.divisionCode, occurredAt: now },
      );
    });
    return toCampaignResponse(campaign);
  }
}
