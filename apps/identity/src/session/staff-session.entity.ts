import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SessionRevokedReason =
  'logout' | 'revoked-by-owner' | 'revoked-by-admin' | 'account-disabled' | 'refresh-token-reuse';

@Entity('staff_session')
export class StaffSessionEntity {
  /** The `sid` claim of the session's access tokens. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  accountId: string;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  lastActivityAt: Date;

  @Column('timestamptz')
  absoluteExpiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  revokedReason: SessionRevokedReason | null;

  /** SHA-256 (hex) of the current refresh token's secret part. */
  @Column('char', { length: 64 })
  refreshTokenHash: string;

  @Column('text', { nullable: true })
  userAgent: string | null;

  @Column('text', { nullable: true })
  ip: string | null;
}
