import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of the change feed; `seq` is the cursor and follows commit order. */
@Entity('exchange_change')
export class ExchangeChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column('uuid') eventId: string;
  @Column('text') type: string;
  @Column('timestamptz') occurredAt: Date;
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('uuid', { nullable: true }) complaintId: string | null;
  @Column('uuid', { nullable: true }) caseId: string | null;
  @Column('text', { nullable: true }) trackingCode: string | null;
  @Column('text', { nullable: true }) petitionNumber: string | null;
  @Column('text') status: string;
  @Column('text', { nullable: true }) previousStatus: string | null;
  @Column('text', { nullable: true }) categoryCode: string | null;
  @Column('text', { nullable: true }) leadOrganId: string | null;
  @Column('jsonb', { nullable: true }) currentDeadline: { kind: string; dueAt: string } | null;
  /** The client that submitted the complaint, when one did. */
  @Column('text', { nullable: true }) clientId: string | null;
  @Column('uuid', { nullable: true }) reference: string | null;
}
