import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('campaign_case')
export class CampaignCaseEntity {
  @PrimaryColumn('uuid')
  campaignId: string;

  @PrimaryColumn('uuid')
  caseId: string;

  @Column('timestamptz')
  addedAt: Date;

  @Column('text')
  addedBy: string;
}
