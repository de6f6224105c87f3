import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role, StaffAccountStatus } from '@minsheng/contracts';

@Entity('staff_account')
export class StaffAccountEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Always lower-case. */
  @Column('text')
  username: string;

  @Column('text')
  displayName: string;

  /** argon2id, PHC string. */
  @Column('text')
  passwordHash: string;

  /** The TOTP secret as stored by TotpSecretCipher. */
  @Column('text')
  totpSecretEncrypted: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text', { nullable: true })
  organId: string | null;

  @Column('text')
  status: StaffAccountStatus;

  @Column('timestamptz')
  passwordChangedAt: Date;

  @Column('timestamptz')
  createdAt: Date;
}
