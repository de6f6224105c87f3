import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComplaintKind, ComplaintStatus } from '@minsheng/contracts';

@Entity('complaint')
export class ComplaintEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  trackingCode: string;

  @Column('text')
  queryCodeHash: string;

  @Column('text')
  kind: ComplaintKind;

  @Column('text')
  title: string;

  @Column('text')
  content: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  petitionerName: string;

  /** SM4 field ciphertext; never stored plain. */
  @Column('text')
  petitionerIdNumberEncrypted: string;

  @Column('text')
  petitionerIdNumberHash: string;

  @Column('text')
  petitionerPhoneEncrypted: string;

  @Column('text')
  petitionerPhoneHash: string;

  @Column('text')
  status: ComplaintStatus;

  @Column('text', { nullable: true })
  petitionNumber: string | null;

  @Column('timestamptz')
  submittedAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
