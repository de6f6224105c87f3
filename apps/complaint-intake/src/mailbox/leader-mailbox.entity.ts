import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LeaderPost } from '@minsheng/contracts';

/** A leader's mailbox (领导信箱) in the public portal, and the team (organ) that handles it. */
@Entity('leader_mailbox')
export class LeaderMailboxEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  post: LeaderPost;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  leaderName: string | null;

  /** The organ whose staff read and route the mailbox (the leader's team), in petition. */
  @Column('text')
  teamOrganId: string;

  @Column('boolean')
  active: boolean;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
