import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 督办单: a supervisor's order to an organ about a case, with its own reply deadline. */
@Entity('supervision_order')
export class SupervisionOrderEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** `<petition number>-DB<n>` */
  @Column('text')
  orderNumber: string;

  @Column('uuid')
  caseId: string;

  @Column('char', { length: 6 })
  divisionCode: string;

  /** The organ supervised; its staff reply. */
  @Column('text')
  organId: string;

  @Column('text')
  content: string;

  @Column('text')
  issuedBy: string;

  @Column('timestamptz')
  issuedAt: Date;

  @Column('timestamptz')
  replyDueAt: Date;

  /** 挂牌督办 */
  @Column('timestamptz', { nullable: true })
  escalatedAt: Date | null;

  @Column('text', { nullable: true })
  escalatedBy: string | null;

  @Column('text', { nullable: true })
  escalationReason: string | null;

  @Column('text', { nullable: true })
  reply: string | null;

  @Column('timestamptz', { nullable: true })
  repliedAt: Date | null;

  @Column('text', { nullable: true })
  repliedBy: string | null;

  @Column('timestamptz', { nullable: true })
  overdueNotifiedAt: Date | null;
}
