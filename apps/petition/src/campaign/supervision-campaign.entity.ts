import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CampaignCaseField, CampaignReport } from '@minsheng/contracts';

/** 统筹实地督查: a supervision campaign over a set of cases. */
@Entity('supervision_campaign')
export class SupervisionCampaignEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  status: 'open' | 'closed';

  /** The planned last day (a China date, YYYY-MM-DD). */
  @Column('date')
  endsOn: string;

  /** The most any participant may be shown of a case. */
  @Column('text', { array: true })
  participantFields: CampaignCaseField[];

  @Column('text')
  createdBy: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('text', { nullable: true })
  closedBy: string | null;

  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;

  @Column('jsonb', { nullable: true })
  report: CampaignReport | null;
}
