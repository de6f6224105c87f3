import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignCaseField, ParticipantAffiliation } from '@minsheng/contracts';

/**
 * An invited participant's grant: read-only, to this campaign's cases, these fields, until
 * `validUntil` or the campaign's close, whichever is first. The account is identity's (`observer`).
 */
@Entity('campaign_participant')
export class CampaignParticipantEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  campaignId: string;

  @Column('text')
  accountId: string;

  @Column('text')
  name: string;

  @Column('text')
  affiliation: ParticipantAffiliation;

  @Column('text')
  organisation: string;

  @Column('text', { array: true })
  fields: CampaignCaseField[];

  @Column('timestamptz')
  validUntil: Date;

  @Column('text')
  invitedBy: string;

  @Column('timestamptz')
  invitedAt: Date;
}
