import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 约谈 (an interview of an organ's responsible person) or 通报 (a circular naming an organ). */
@Entity('supervision_record')
export class SupervisionRecordEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  kind: 'interview' | 'circular';

  @Column('text')
  organId: string;

  /** For an interview: who was interviewed, by post. */
  @Column('text', { nullable: true })
  interviewee: string | null;

  @Column('text')
  content: string;

  @Column('timestamptz', { nullable: true })
  heldAt: Date | null;

  @Column('text')
  recordedBy: string;

  @Column('timestamptz')
  recordedAt: Date;
}
