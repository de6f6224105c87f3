import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reply drafted by the lead organ and the leader's office's review of it. */
@Entity('reply_draft')
export class ReplyDraftEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') messageId: string;
  @Column('int') version: number;
  @Column('text') text: string;
  @Column('text', { nullable: true }) organId: string | null;
  @Column('text') draftedBy: string;
  @Column('timestamptz') draftedAt: Date;
  @Column('text', { nullable: true }) decision: 'approve' | 'return' | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('text', { nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
}
