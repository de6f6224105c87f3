import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 实地督查: a site visit on one of the campaign's cases and what was found. */
@Entity('campaign_visit')
export class CampaignVisitEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  campaignId: string;

  @Column('uuid')
  caseId: string;

  @Column('timestamptz')
  visitedAt: Date;

  @Column('text')
  place: string;

  @Column('text')
  findings: string;

  @Column('text')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
