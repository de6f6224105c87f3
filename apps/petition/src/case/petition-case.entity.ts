import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Channel, ComplaintKind } from '@minsheng/contracts';

export type PetitionCaseStatus = 'registered';

@Entity('petition_case')
export class PetitionCaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  petitionNumber: string;

  @Column('uuid', { nullable: true })
  sourceComplaintId: string | null;

  @Column('text')
  kind: ComplaintKind;

  @Column('text')
  channel: Channel;

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
  status: PetitionCaseStatus;

  @Column('timestamptz')
  registeredAt: Date;
}
