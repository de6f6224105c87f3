import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  ComplaintKind,
  ComplaintSource,
  ComplaintStatus,
  LeaderAddressee,
  RoutingReason,
} from '@minsheng/contracts';

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

  /** NULL only for complaints from before the taxonomy existed. */
  @Column('text', { nullable: true })
  categoryCode: string | null;

  @Column('text')
  title: string;

  @Column('text')
  content: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('double precision', { nullable: true })
  locationLat: number | null;

  @Column('double precision', { nullable: true })
  locationLng: number | null;

  @Column('boolean')
  replyPublicConsent: boolean;

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

  /** Set when the complaint is held for another instance (status `awaiting-exchange`). */
  @Column('char', { length: 6, nullable: true })
  routedToDivision: string | null;

  @Column('text', { nullable: true })
  routingReason: RoutingReason | null;

  /** SHA-256 of the scoped Idempotency-Key; unique, so a retry can never make a second row. */
  @Column('text', { nullable: true })
  idempotencyKeyHash: string | null;

  @Column('text', { nullable: true })
  petitionNumber: string | null;

  @Column('timestamptz')
  submittedAt: Date;

  @Column('timestamptz', { nullable: true })
  repliedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  concludedAt: Date | null;

  @Column('timestamptz')
  updatedAt: Date;

  /** Set when the exchange handed the complaint over: who sent it, and their reference for it. */
  @Column('text', { nullable: true })
  sourceKind: ComplaintSource | null;

  @Column('text', { nullable: true })
  sourceId: string | null;

  @Column('text', { nullable: true })
  sourceReference: string | null;

  /** `leader-mailbox` when addressed to a leader's mailbox (领导信箱), else `online`. */
  @Column('text')
  channel: 'online' | 'leader-mailbox';

  /** The leader addressed, as the mailbox stood when the matter was sent. */
  @Column('jsonb', { nullable: true })
  addressee: LeaderAddressee | null;
}
