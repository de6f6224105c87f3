import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  campaignClosedEvent,
  type CampaignReport,
  type CampaignResponse,
  type CloseCampaignRequest,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { EventPublisher } from '@minsheng/messaging';
import { inTransaction } from '@minsheng/persistence';
import { campaignFor } from './campaign-access.js';
import { CampaignLog } from './campaign-log.js';
import { toCampaignResponse } from './campaign-mapper.js';
import { SupervisionCampaignEntity } from './supervision-campaign.entity.js';

/**
 * Closes the campaign with its report — cases covered, those replied or concluded while it ran,
 * the visits' findings, the accountability records. Closing ends every participant's access;
 * the event names their accounts, and which of them another open campaign still invites, so
 * identity can disable observers left with no open campaign.
 */
@Injectable()
export class CloseCampaignUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CampaignLog,
    private readonly events: EventPublisher,
  ) {}

  async execute(
    principal: Principal,
    campaignId: string,
    request: CloseCampaignRequest,
  ): Promise<CampaignResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const campaign = await campaignFor(tx, principal, campaignId, { lock: true, open: true });
      const closedAt = new Date();
      const [counts] = await tx.query<Array<Record<string, string>>>(
        `SELECT count(*) AS covered,
                count(*) FILTER (WHERE COALESCE(c.replied_at, c.concluded_at) >= $2) AS resolved,
                (SELECT count(*) FROM campaign_visit v WHERE v.campaign_id = $1) AS visits,
                (SELECT count(*) FROM accountability_record a WHERE a.campaign_id = $1) AS records
           FROM campaign_case x JOIN petition_case c ON c.id = x.case_id
          WHERE x.campaign_id = $1`,
        [campaign.id, campaign.createdAt],
      );
      const findings = await tx.query<Array<{ petition_number: string; findings: string }>>(
        `SELECT c.petition_number, v.findings FROM campaign_visit v
           JOIN petition_case c ON c.id = v.case_id
          WHERE v.campaign_id = $1 ORDER BY v.visited_at, v.id`,
        [campaign.id],
      );
      const report: CampaignReport = {
        casesCovered: Number(counts.covered),
        resolvedDuringCampaign: Number(counts.resolved),
        visits: Number(counts.visits),
        accountabilityRecords: Number(counts.records),
        findings: findings.map((f) => ({
          petitionNumber: f.petition_number,
          findings: f.findings,
        })),
        summary: request.summary,
      };
      Object.assign(campaign, {
        status: 'closed',
        closedAt,
        closedBy: principal.userId,
        report,
      } satisfies Partial<SupervisionCampaignEntity>);
      await tx.save(SupervisionCampaignEntity, campaign);
      await this.log.record(tx, principal, campaign, 'closed', {
        casesCovered: report.casesCovered,
        resolvedDuringCampaign: report.resolvedDuringCampaign,
      });
      const observers = await tx.query<Array<{ account_id: string; elsewhere: boolean }>>(
        `SELECT p.account_id,
                EXISTS (SELECT 1 FROM campaign_participant o
                          JOIN supervision_campaign oc ON oc.id = o.campaign_id
                         WHERE o.account_id = p.account_id AND o.campaign_id <> p.campaign_id
                           AND oc.status = 'open' AND o.valid_until > $2) AS elsewhere
           FROM campaign_participant p WHERE p.campaign_id = $1 ORDER BY p.invited_at, p.id`,
        [campaign.id, closedAt],
      );
      await this.events.publish(
        tx,
        campaignClosedEvent,
        {
          campaignId: campaign.id,
          divisionCode: campaign.divisionCode,
          closedAt: closedAt.toISOString(),
          observerAccountIds: observers.map((o) => o.account_id),
          observersStillInvited: observers.filter((o) => o.elsewhere).map((o) => o.account_id),
        },
        { divisionCode: campaign.divisionCode, occurredAt: closedAt },
      );
      return toCampaignResponse(campaign);
    });
  }
}
