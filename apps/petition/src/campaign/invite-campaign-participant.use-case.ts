import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CampaignErrorCodes,
  campaignParticipantInvitedEvent,
  type CampaignParticipantResponse,
  type InviteCampaignParticipantRequest,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction, isUniqueViolation } from '@minsheng/persistence';
import { campaignFor } from './campaign-access.js';
import { CampaignLog } from './campaign-log.js';
import { toParticipantResponse } from './campaign-mapper.js';
import { fieldRefused } from './campaign.errors.js';
import { CampaignParticipantEntity } from './campaign-participant.entity.js';

/** The end of a China day (UTC+8), when a grant running "until the last day" ends. */
function endOfChinaDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 86_400_000);
}

/**
 * 特邀监督: a deputy, CPPCC member or journalist is given read-only access to this campaign's
 * cases — only the fields the campaign allows (or fewer), until the campaign's planned end (or
 * earlier) and never after it closes.
 */
@Injectable()
export class InviteCampaignParticipantUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CampaignLog,
    private readonly events: EventPublisher,
  ) {}

  async execute(
    principal: Principal,
    campaignId: string,
    request: InviteCampaignParticipantRequest,
  ): Promise<CampaignParticipantResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const campaign = await campaignFor(tx, principal, campaignId, { lock: true, open: true });
      const fields = request.fields ?? campaign.participantFields;
      const extra = fields.filter((f) => !campaign.participantFields.includes(f));
      if (extra.length) {
        throw fieldRefused(
          'fields',
          CampaignErrorCodes.fieldsNotAllowed,
          `本次督查不允许查看：${extra.join('、')}`,
        );
      }
      const latest = endOfChinaDay(campaign.endsOn);
      const validUntil = request.validUntil ? new Date(request.validUntil) : latest;
      if (validUntil > latest || validUntil <= new Date()) {
        throw fieldRefused(
          'validUntil',
          CampaignErrorCodes.grantTooLong,
          '查阅期限应在现在与督查结束日之间',
        );
      }
      const participant: CampaignParticipantEntity = {
        id: randomUUID(),
        campaignId: campaign.id,
        accountId: request.accountId,
        name: request.name,
        affiliation: request.affiliation,
        organisation: request.organisation,
        fields,
        validUntil,
        invitedBy: principal.userId,
        invitedAt: new Date(),
      };
      try {
        await tx.insert(CampaignParticipantEntity, participant);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new ConflictException({
          code: CampaignErrorCodes.alreadyInvited,
          message: '该账号已受邀参加本次督查',
        });
      }
      await this.log.record(tx, principal, campaign, 'participant-invited', {
        participantId: participant.id,
        accountId: participant.accountId,
        affiliation: participant.affiliation,
        fields,
        validUntil: validUntil.toISOString(),
      });
      await this.events.publish(
        tx,
        campaignParticipantInvitedEvent,
        {
          campaignId: campaign.id,
          divisionCode: campaign.divisionCode,
          accountId: participant.accountId,
          validUntil: validUntil.toISOString(),
          invitedAt: participant.invitedAt.toISOString(),
        },
        { divisionCode: campaign.divisionCode, occurredAt: participant.invitedAt },
      );
      return toParticipantResponse(participant);
    });
  }
}
