import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@minsheng/contracts';

@Entity('calendar_subscription')
export class CalendarSubscriptionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  tokenHash: string;

  @Column('text')
  feed: 'leader' | 'hall';

  @Column('text')
  targetId: string;

  /** The subscriber's view, as of subscribing: the feed shows what they could see then. */
  @Column('text')
  userId: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text', { nullable: true })
  organId: string | null;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  lastReadAt: Date | null;
}
