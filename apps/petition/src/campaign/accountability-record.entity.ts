import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccountabilityKind } from '@minsheng/contracts';

/** 约谈 / 通报 / 倒查 / 责任追究, linked to the case and the organ concerned. */
@Entity('accountability_record')
export class AccountabilityRecordEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  campaignId: string;

  @Column('uuid')
  caseId: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  organId: string;

  @Column('text')
  kind: AccountabilityKind;

  @Column('text', { nullable: true })
  responsiblePost: string | null;

  @Column('text')
  content: string;

  @Column('text')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
