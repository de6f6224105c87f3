import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ComplaintKind, ScheduleException } from '@minsheng/contracts';

/** A leader's published reception days (接访日): the rule they recur by, and its exceptions. */
@Entity('reception_schedule')
export class ReceptionScheduleEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  leaderId: string;

  @Column('text')
  leaderName: string;

  @Column('text')
  leaderTitle: string;

  /** The leader's office. */
  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  title: string;

  /** `HH:MM`, China Standard Time. */
  @Column('text')
  startTime: string;

  @Column('text')
  endTime: string;

  @Column('int')
  slotMinutes: number;

  @Column('int')
  capacity: number;

  @Column('uuid', { array: true })
  hallIds: string[];

  @Column('uuid', { nullable: true })
  officialHallId: string | null;

  @Column('text', { array: true })
  kinds: ComplaintKind[];

  @Column('text', { array: true })
  topics: string[];

  @Column('date')
  startDate: string;

  @Column('text', { nullable: true })
  recurrenceRule: string | null;

  @Column('date', { nullable: true })
  untilDate: string | null;

  @Column('int', { nullable: true })
  occurrenceCount: number | null;

  @Column('boolean')
  skipPublicHolidays: boolean;

  @Column('jsonb')
  exceptions: ScheduleException[];

  @Column('text')
  createdBy: string;

  @Column('timestamptz')
  createdAt: Date;
}
