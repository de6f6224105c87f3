import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReceptionDayStatus = 'open' | 'cancelled';

/**
 * One reception day of a schedule, as instants. `heldCount` is kept by a trigger and checked
 * against `capacity` by the database.
 */
@Entity('reception_day')
export class ReceptionDayEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  scheduleId: string;

  /** The China calendar day, `YYYY-MM-DD`. */
  @Column('date')
  day: string;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text')
  leaderId: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('int')
  slotMinutes: number;

  @Column('int')
  capacity: number;

  @Column({ type: 'int', insert: false, update: false })
  heldCount: number;

  @Column('text')
  status: ReceptionDayStatus;

  @Column('text', { nullable: true })
  cancelReason: string | null;
}
