import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ErrorCodes,
  type SelectCampaignCasesRequest,
  type SelectCampaignCasesResponse,
} from '@minsheng/contracts';
import type { Principal } from '@minsheng/auth';
import { isWithinJurisdiction } from '@minsheng/domain';
import { inTransaction } from '@minsheng/persistence';
import { SqlParams, divisionSubtree } from '@minsheng/persistence';
import { campaignFor } from './campaign-access.js';
import { CampaignLog } from './campaign-log.js';
import { fieldRefused } from './campaign.errors.js';

/**
 * Adds the open cases a rule selects — backlog (积案), overdue, repeat (重复信访), categories (a
 * theme), a division — inside the campaign's division; every condition given must hold.
 */
@Injectable()
export class SelectCampaignCasesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CampaignLog,
  ) {}

  async execute(
    principal: Principal,
    campaignId: string,
    rule: SelectCampaignCasesRequest,
  ): Promise<SelectCampaignCasesResponse> {
    return inTransaction(this.dataSource, async (tx) => {
      const campaign = await campaignFor(tx, principal, campaignId, { lock: true, open: true });
      if (rule.divisionCode && !isWithinJurisdiction(campaign.divisionCode, rule.divisionCode)) {
        throw fieldRefused('divisionCode', ErrorCodes.validationFailed, '不在本次督查的范围内');
      }
      const params = new SqlParams();
      const id = params.add(campaign.id);
      const by = params.add(principal.userId);
      const conditions = [
        'c.closed_at IS NULL',
        divisionSubtree('c.division_code', campaign.divisionCode, params),
        `NOT EXISTS (SELECT 1 FROM campaign_case x WHERE x.campaign_id = ${id} AND x.case_id = c.id)`,
      ];
      if (rule.divisionCode) {
        conditions.push(divisionSubtree('c.division_code', rule.divisionCode, params));
      }
      if (rule.backlog) conditions.push('c.backlog_flagged_at IS NOT NULL');
      if (rule.overdue) conditions.push('c.next_deadline_at < now()');
      if (rule.repeat) {
        conditions.push(
          `c.repeat_of_case_id IS NOT NULL AND c.repeat_status IS DISTINCT FROM 'unlinked'`,
        );
      }
      if (rule.categoryCodes) {
        const codes = params.add(rule.categoryCodes);
        conditions.push(
          `(c.category_code = ANY(${codes}) OR left(c.category_code, 2) = ANY(${codes}))`,
        );
      }
      const limit = params.add(rule.limit);
      const added = await tx.query<Array<{ case_id: string }>>(
        `INSERT INTO campaign_case (campaign_id, case_id, added_at, added_by)
         SELECT ${id}, c.id, now(), ${by} FROM petition_case c
          WHERE ${conditions.join(' AND ')}
          ORDER BY c.registered_at LIMIT ${limit}
         RETURNING case_id`,
        params.values,
      );
      const [{ count }] = await tx.query<Array<{ count: string }>>(
        'SELECT count(*) FROM campaign_case WHERE campaign_id = $1',
        [campaign.id],
      );
      await this.log.record(tx, principal, campaign, 'cases-selected', {
        rule,
        added: added.length,
      });
      return { added: added.length, casesCovered: Number(count) };
    });
  }
}
