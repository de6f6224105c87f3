import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WrittenNoticeType } from '@minsheng/contracts';

/** A notice as it was issued to the petitioner; never re-rendered, so it stays what they got. */
@Entity('written_notice')
export class WrittenNoticeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('text')
  type: WrittenNoticeType;

  @Column('text')
  title: string;

  @Column('text')
  text: string;

  @Column('text', { nullable: true })
  issuingOrganId: string | null;

  @Column('text')
  issuedBy: string;

  @Column('timestamptz')
  issuedAt: Date;
}
