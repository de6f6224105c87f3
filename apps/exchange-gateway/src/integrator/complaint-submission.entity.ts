import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A complaint a client handed over, by the reference intake keys it on. No personal data: that
 * travelled encrypted in the hand-over event and is kept by intake alone.
 */
@Entity('complaint_submission')
export class ComplaintSubmissionEntity {
  @PrimaryColumn('uuid') reference: string;
  @Column('text') clientId: string;
  @Column('text') sourceKind: 'integrator' | 'open311';
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('text') categoryCode: string;
  @Column('text') kind: string;
  @Column('text', { nullable: true }) address: string | null;
  @Column('double precision', { nullable: true }) locationLat: number | null;
  @Column('double precision', { nullable: true }) locationLng: number | null;
  @Column('text') status: string;
  @Column('text', { nullable: true }) trackingCode: string | null;
  @Column('uuid', { nullable: true }) complaintId: string | null;
  @Column('uuid', { nullable: true }) caseId: string | null;
  @Column('text', { nullable: true }) petitionNumber: string | null;
  @Column('timestamptz') receivedAt: Date;
  @Column('timestamptz') updatedAt: Date;
}
