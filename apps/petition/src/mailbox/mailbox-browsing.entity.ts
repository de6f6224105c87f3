import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 定期浏览: a leader's team read the mailbox's queue (the browsing record). */
@Entity('leader_mailbox_browsing')
export class MailboxBrowsingEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  mailboxId: string;

  @Column('timestamptz')
  browsedAt: Date;

  @Column('text')
  browsedBy: string;

  @Column('text', { nullable: true })
  organId: string | null;

  @Column('int')
  casesInQueue: number;

  @Column('int')
  newSinceLast: number;

  @Column('text', { nullable: true })
  note: string | null;
}
