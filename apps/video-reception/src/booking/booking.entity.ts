import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BookingChannel, BookingStatus, ComplaintKind } from '@minsheng/contracts';

/**
 * A booked (or waitlisted) slot. Its time range, the leader and the petitioner's ID hash are
 * under exclusion constraints while it holds the slot; ID number and phone are field ciphertext.
 */
@Entity('booking')
export class BookingEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  bookingCode: string;

  @Column('text')
  queryCodeHash: string;

  @Column('uuid')
  receptionDayId: string;

  @Column('uuid')
  scheduleId: string;

  @Column('text')
  leaderId: string;

  /** The leader's office. */
  @Column('char', { length: 6 })
  divisionCode: string;

  /** The hall the petitioner attends. */
  @Column('uuid')
  hallId: string;

  @Column('char', { length: 6 })
  hallDivisionCode: string;

  @Column('timestamptz')
  startsAt: Date;

  @Column('timestamptz')
  endsAt: Date;

  @Column('text')
  status: BookingStatus;

  @Column('text')
  channel: BookingChannel;

  @Column('text')
  petitionerName: string;

  @Column('text')
  petitionerIdNumberEncrypted: string;

  @Column('text')
  petitionerIdNumberHash: string;

  @Column('text')
  petitionerPhoneEncrypted: string;

  @Column('text')
  petitionerPhoneHash: string;

  @Column('int')
  attendees: number;

  @Column('text', { nullable: true })
  petitionNumber: string | null;

  @Column('text', { nullable: true })
  matterKind: ComplaintKind | null;

  @Column('text', { nullable: true })
  matterTitle: string | null;

  @Column('text', { nullable: true })
  matterContent: string | null;

  @Column('text', { nullable: true })
  reviewDecision: 'approve' | 'redirect' | 'decline' | null;

  @Column('text', { nullable: true })
  reviewNote: string | null;

  @Column('text', { nullable: true })
  redirectTo: string | null;

  @Column('text', { nullable: true })
  reviewedBy: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;

  @Column('text', { nullable: true })
  cancelReason: string | null;

  @Column('text', { nullable: true })
  cancelledBy: string | null;

  @Column('timestamptz', { nullable: true })
  cancelledAt: Date | null;

  @Column('text', { nullable: true })
  videoRoom: string | null;

  @Column('timestamptz', { nullable: true })
  checkedInAt: Date | null;

  @Column('text', { nullable: true })
  checkedInBy: string | null;

  @Column('text')
  createdBy: string;

  @Column('timestamptz')
  createdAt: Date;
}

/** States in which a booking holds its slot (the exclusion constraints apply). */
export const HOLDING_STATUSES: readonly BookingStatus[] = [
  'booked',
  'confirmed',
  'checked-in',
  'completed',
];
