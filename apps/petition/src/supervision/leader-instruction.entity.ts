import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 领导批示: a leader's written instruction on a case, a task for an organ with a deadline. */
@Entity('leader_instruction')
export class LeaderInstructionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  @Column('text')
  text: string;

  @Column('text')
  assigneeOrganId: string;

  @Column('text')
  issuedBy: string;

  @Column('timestamptz')
  issuedAt: Date;

  @Column('timestamptz')
  dueAt: Date;

  @Column('text', { nullable: true })
  result: string | null;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  @Column('text', { nullable: true })
  completedBy: string | null;

  @Column('timestamptz', { nullable: true })
  overdueNotifiedAt: Date | null;
}
