import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A leader's board this instance syncs, with its cursor and backoff state. */
@Entity('board')
export class BoardEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') externalId: string;
  @Column('text') leaderId: string;
  @Column('text') leaderName: string;
  @Column('text') leaderTitle: string;
  @Column('char', { length: 6 }) divisionCode: string;
  @Column('text') source: 'http' | 'import';
  @Column('text', { nullable: true }) cursor: string | null;
  @Column('int') failures: number;
  @Column('timestamptz', { nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz', { nullable: true }) leaseUntil: Date | null;
  @Column('timestamptz', { nullable: true }) lastSyncedAt: Date | null;
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
}
