import { Column, Entity, PrimaryColumn } from 'typeorm';

export type BookingNoticeKind =
  | 'booked'
  | 'waitlisted'
  | 'promoted'
  | 'confirmed'
  | 'redirected'
  | 'declined'
  | 'rescheduled'
  | 'cancelled'
  | 'reminder'
  | 'record-confirmation';

/** A text to the petitioner, due at a time; carries no personal data (the phone is the booking's). */
@Entity('booking_notice')
export class BookingNoticeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  bookingId: string;

  @Column('text')
  kind: BookingNoticeKind;

  @Column('text')
  text: string;

  @Column('timestamptz')
  dueAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  @Column('int')
  attempts: number;

  @Column('timestamptz')
  createdAt: Date;
}
