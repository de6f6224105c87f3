import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrganKind } from '@minsheng/contracts';

/** A responsible organ (责任单位) of this instance, in the tree of its divisions' organs. */
@Entity('organ')
export class OrganEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: OrganKind;

  @Column('char', { length: 6 })
  divisionCode: string;

  /** The organ above (上一级): reviews this one's decisions; `null` at the top. */
  @Column('text', { nullable: true })
  parentId: string | null;

  @Column('boolean')
  active: boolean;

  @Column('timestamptz')
  createdAt: Date;

  @Column('timestamptz')
  updatedAt: Date;
}
