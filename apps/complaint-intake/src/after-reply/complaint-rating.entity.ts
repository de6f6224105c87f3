import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SatisfactionLevel } from '@minsheng/contracts';

/** 满意度评价: one per complaint (the primary key), after the reply. */
@Entity('complaint_rating')
export class ComplaintRatingEntity {
  @PrimaryColumn('uuid')
  complaintId: string;

  /** The petition office (信访工作机构). */
  @Column('text')
  office: SatisfactionLevel;

  /** The responsible organ (责任单位). */
  @Column('text')
  organ: SatisfactionLevel;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('timestamptz')
  ratedAt: Date;
}
