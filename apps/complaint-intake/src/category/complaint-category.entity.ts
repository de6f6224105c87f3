import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('complaint_category')
export class ComplaintCategoryEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text', { nullable: true })
  parentCode: string | null;

  @Column('text')
  name: string;

  @Column('integer')
  sortOrder: number;

  @Column('boolean')
  active: boolean;
}
