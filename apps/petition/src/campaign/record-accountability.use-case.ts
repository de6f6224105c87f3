import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  campaignAccountabilityRecordedEvent,
  type AccountabilityKind,
  type AccountabilityRecordResponse,
  type RecordAccountabilityRequest,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { OrganDirectory } from '../organ/organ-directory.js';
import { AccountabilityRecordEntity } from './accountability-record.entity.js';
import { campaignCase, campaignFor } from './campaign-access.js';
import { CampaignLog } from './campaign-log.js';
import { toAccountabilityResponse } from './campaign-mapper.js';

const LABELS: Record<AccountabilityKind, string> = {
  interview: '约谈',
  circular: '通报',
  'trace-back': '倒查',
  accountability: '责任追究',
};

/** 约谈 / 通报 / 倒查 / 责任追究 arising from the campaign, linked to the case and the organ. */
@Injectable()
export class RecordAccountabilityUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organs: OrganDirectory,
    private readonly log: CampaignLog,
    private readonly events: EventPublisher,
  ) {}

  async execute(
    principal: Principal,
    campaignId: string,
    request: RecordAccountabilityRequest,
  ): Promise<AccountabilityRecordResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const campaign = await campaignFor(tx, principal, campaignId, { lock: true, open: true });
      const entity = await campaignCase(tx, campaign, request.petitionNumber);
      const organ = await this.organs.requireActive(request.organId, tx);
      const record: AccountabilityRecordEntity = {
        id: randomUUID(),
        campaignId: campaign.id,
        caseId: entity.id,
        divisionCode: entity.divisionCode,
        organId: organ.id,
        kind: request.kind,
        responsiblePost: request.responsiblePost ?? null,
        content: request.content,
        recordedBy: principal.userId,
        recordedAt: new Date(),
      };
      await tx.insert(AccountabilityRecordEntity, record);
      await this.log.record(
        tx,
        principal,
        campaign,
        'accountability',
        { recordId: record.id, kind: record.kind, organId: organ.id },
        { entity, note: `${LABELS[record.kind]}（${organ.name}）：${record.content}` },
      );
      // The content and the post stay in petition: they may name people.
      await this.events.publish(
        tx,
        campaignAccountabilityRecordedEvent,
        {
          campaignId: campaign.id,
          divisionCode: campaign.divisionCode,
          recordId: record.id,
          caseId: entity.id,
          petitionNumber: entity.petitionNumber,
          caseDivisionCode: record.divisionCode,
          organId: organ.id,
          kind: record.kind,
          recordedAt: record.recordedAt.toISOString(),
        },
        { divisionCode: record.divisionCode, occurredAt: record.recordedAt },
      );
      return toAccountabilityResponse(record, entity.petitionNumber);
    });
  }
}
