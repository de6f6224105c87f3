import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BookingHallRole = 'petitioner' | 'official' | 'joining';

/**
 * A hall a session occupies. Time and holding state are the booking's, copied by a trigger, so
 * the hall's exclusion constraint always sees what the booking holds.
 */
@Entity('booking_hall')
export class BookingHallEntity {
  @PrimaryColumn('uuid')
  bookingId: string;

  @PrimaryColumn('uuid')
  hallId: string;

  @Column('text')
  role: BookingHallRole;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('boolean')
  holdsSlot: boolean;
}
