import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The latest known state of a petition case, from petition's events. */
@Entity('tracked_case')
export class TrackedCaseEntity {
  @PrimaryColumn('uuid') caseId: string;
  @Column('text') petitionNumber: string;
  @Column('uuid', { nullable: true }) complaintId: string | null;
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('text') status: string;
  @Column('text', { nullable: true }) leadOrganId: string | null;
  @Column('timestamptz', { nullable: true }) registeredAt: Date | null;
  @Column('timestamptz') updatedAt: Date;
}
