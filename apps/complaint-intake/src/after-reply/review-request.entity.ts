import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 复查申请: one per complaint (a unique constraint), within 30 days of the reply. */
@Entity('complaint_review_request')
export class ReviewRequestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  complaintId: string;

  @Column('text')
  reason: string;

  @Column('timestamptz')
  requestedAt: Date;
}
